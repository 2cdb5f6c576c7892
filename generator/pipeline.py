"""The stages run against folders: extract seeds, assemble pages, build the site.

This is the edge where files are read and written; the work itself is done by the
pure functions of ``extract``, ``chronology`` and ``assemble``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import assemble, chronology, content, maps, seeds
from .extract import extract_seed, unique_slugs
from .model import Article, Event
from .project import Project
from .render import environment
from .storage import write_atomic

GENERATED_DIRS = ("chronology", "places", "data")


@dataclass
class Report:
    articles: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: int = 0
    removed: int = 0

    def summary(self) -> list[str]:
        lines = [
            f"articles: {len(self.articles)}",
            f"events:   {len(self.events)}",
            f"figures:  {sum(len(a.figures) for a in self.articles)}",
            f"places:   {len({p.place for a in self.articles for p in a.places})}",
            f"files:    {self.written} written, {self.removed} removed",
        ]
        undated = [a for a in self.articles if not a.published.value]
        inferred = [a for a in self.articles if a.published.how == "inferred"]
        if inferred:
            lines.append(f"dates inferred from the text: {len(inferred)}")
            lines += [
                f"  {a.source}: {a.published.value} ({a.published.evidence})" for a in inferred
            ]
        if undated:
            lines.append(f"undated articles (give a date in their metadata file): {len(undated)}")
            lines += [f"  {a.source}" for a in undated]
        return lines


def _article_warnings(articles: Iterable[Article]) -> list[str]:
    return [f"{a.source}: {w}" for a in articles for w in a.warnings]


def extract(
    project: Project,
    seeds_dir: Path,
    content_dir: Path,
    progress: Callable[[list], Iterable] = iter,
) -> Report:
    """Seeds → ``content/articles/*.md``; pages of removed seeds are removed."""
    report = Report()
    loaded = seeds.load(seeds_dir)
    report.errors += [str(e) for e in loaded.errors]
    report.warnings += loaded.warnings
    resources = project.resources()
    articles = [extract_seed(seed, resources) for seed in progress(loaded.seeds)]
    unique_slugs(articles)
    report.articles = sorted(articles, key=lambda a: a.slug)
    report.warnings += _article_warnings(report.articles)
    env = environment(project.templates)
    vocabulary = project.event_vocabulary()
    wanted = {
        content.article_path_of(a.slug): content.render_article(
            env, a, chronology.events_of(a, vocabulary)
        )
        for a in report.articles
    }
    _write(content_dir, wanted, report, owned=["articles"])
    return report


def read_articles(content_dir: Path) -> list[Article]:
    folder = content_dir / "articles"
    return sorted(
        (content.read_article(p) for p in sorted(folder.glob("*.md"))), key=lambda a: a.slug
    )


def assemble_content(project: Project, content_dir: Path, report: Report | None = None) -> Report:
    """``content/articles`` → chronology, places, figures, sources and home pages."""
    report = report or Report()
    if not report.articles:
        report.articles = read_articles(content_dir)
    gazetteer = project.gazetteer()
    report.events = chronology.build(report.articles, project.event_vocabulary(), gazetteer.related)
    site_config = project.site_config()
    site = assemble.Site(
        articles=report.articles,
        events=report.events,
        gazetteer=gazetteer,
        categories=project.categories(),
        outlines=maps.Outlines.bundled(),
        title=site_config.get("site_name") or "Chronicle",
        site_url=site_config.get("site_url"),
    )
    env = environment(project.templates)
    pages = assemble.pages(site, env)
    pages = {path: text for path, text in pages.items() if not path.startswith("articles/")}
    _write(content_dir, pages, report, owned=list(GENERATED_DIRS))
    return report


def _write(content_dir: Path, pages: dict[str, str], report: Report, owned: list[str]) -> None:
    for relative, text in sorted(pages.items()):
        if write_atomic(content_dir / relative, text):
            report.written += 1
    for folder in owned:
        base = content_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.md")):
            relative = path.relative_to(content_dir).as_posix()
            if relative not in pages:
                path.unlink()
                report.removed += 1
        for directory in sorted((d for d in base.rglob("*") if d.is_dir()), reverse=True):
            if not any(directory.iterdir()):
                directory.rmdir()


def _show_mkdocs_warnings() -> None:
    """MkDocs logs what fails a strict build; show it once, not its informational chatter."""
    import logging

    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "chronicle", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
        handler.chronicle = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


def build_site(project: Project, content_dir: Path, site_dir: Path) -> None:
    """``mkdocs build`` (strict, never dirty) into a fresh folder, then swapped into place."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    try:
        config = load_config(
            config_file=str(project.config),
            docs_dir=str(content_dir.resolve()),
            site_dir=str(fresh),
            strict=True,
        )
        build(config, dirty=False)
        fresh.chmod(0o755)
        old = site_dir.with_name(f".{site_dir.name}.old")
        if old.exists():
            shutil.rmtree(old)
        if site_dir.exists():
            site_dir.rename(old)
        fresh.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
