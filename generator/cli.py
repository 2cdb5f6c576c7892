"""The ``chronicle`` command.  Exit codes: 0 ok, 1 a problem in the inputs, 2 usage."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import click

from generator import __version__
from generator.build import folders, lock, pipeline, schema, seeds
from generator.model import Published
from generator.project import Project, find_root
from generator.text import sentences
from generator.text.extract import analyse
from generator.text.timex import tagger


def _folder(name: str, what: str) -> Callable:
    """An option naming one of the project's folders; unset, the project's own."""
    return click.option(
        f"--{name}",
        f"{name}_dir",
        type=click.Path(path_type=Path),
        default=None,
        help=f"Folder of {what} [default: {name}/].",
    )


SEEDS = _folder("seeds", "seed articles")
CONTENT = _folder("content", "generated Markdown")
SITE = _folder("site", "the built site")
FORCE = click.option(
    "--force", is_flag=True, help="Overwrite generated files even where a person edited them."
)


def _project() -> Project:
    return Project(find_root())


def _progress(label: str):
    def wrap(items: list) -> Iterable:
        if len(items) < 50 or not sys.stderr.isatty():
            yield from items
            return
        with click.progressbar(items, label=label, file=sys.stderr) as bar:
            yield from bar

    return wrap


def _curated(project: Project) -> None:
    """Check the curated rules editors extend (``data/parts.yml``, ``figures.yml``, the
    limits of ``settings.yml``): a mistake in one is one line naming it, and exit 2."""
    try:
        project.part_rules()
        project.figure_words()
        project.limits()
    except ValueError as error:
        _fail(str(error), 2)


def _fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@contextmanager
def _writing(
    project: Project, command: str, seeds_dir: Path, content_dir: Path, site_dir: Path | None = None
) -> Iterator[None]:
    """Check the folders (exit 2, having changed nothing, unless they are the run's to
    write), hold them against other runs meanwhile, and mark the content folder as the
    build's. A failed write (a full disk…) is one line and exit 1: every write is atomic,
    so the last build's files stay whole."""
    where = folders.layout(project.root, seeds_dir, project.cache, content_dir, site_dir)
    written = [content_dir, *([site_dir] if site_dir else [])]
    try:
        folders.check(where)
        with lock.held(project.cache, written, lambda line: click.echo(line, err=True), command):
            folders.check_contents(where)
            folders.claim(content_dir, folders.CONTENT)
            yield
    except folders.Refused as refusal:
        _fail(str(refusal), 2)
    except lock.Busy as busy:
        _fail(str(busy), 1)
    except OSError as error:
        _fail(folders.write_failure(error, content_dir), 1)


def _finish(report: pipeline.Report, quiet: bool = False) -> None:
    for line in report.problems():
        click.echo(line, err=True)
    if not quiet:
        click.echo("\n".join(report.summary()), err=True)
    if report.errors:
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chronicle")
def main() -> None:
    """Turn a folder of news articles into a cited chronology, published as a static site."""


@main.command()
@SEEDS
@CONTENT
@SITE
@FORCE
def build(
    seeds_dir: Path | None, content_dir: Path | None, site_dir: Path | None, force: bool
) -> None:
    """Run every stage: extract the seeds, assemble the pages, build the site."""
    project = _project()
    _curated(project)
    seeds_dir = seeds_dir or project.root / "seeds"
    content_dir = content_dir or project.root / "content"
    site_dir = site_dir or project.root / "site"
    with _writing(project, "build", seeds_dir, content_dir, site_dir):
        clock = time.perf_counter()
        report = pipeline.extract(project, seeds_dir, content_dir, _progress("Extracting"), force)
        report.seconds["extraction"] = time.perf_counter() - clock
        clock = time.perf_counter()
        pipeline.assemble_content(project, content_dir, report, force)
        report.seconds["assembly"] = time.perf_counter() - clock
        report.release()
        click.echo("Building the site with MkDocs…", err=True)
        clock = time.perf_counter()
        try:
            pipeline.build_site(project, content_dir, site_dir, report.left_out)
        except folders.Refused:
            raise  # a site folder that is not the build's is exit 2, as before the build
        except SystemExit as stop:  # MkDocs' strict mode aborts with SystemExit
            report.errors.append(f"{content_dir}: mkdocs build failed ({stop})")
        except OSError as error:
            report.errors.append(folders.write_failure(error, site_dir))
        except Exception as error:  # any MkDocs failure is reported, not a traceback
            report.errors.append(f"{content_dir}: mkdocs build failed: {error}")
        report.seconds["mkdocs"] = time.perf_counter() - clock
    _finish(report)


@main.command()
@SEEDS
@CONTENT
@click.option(
    "--jsonl", is_flag=True, help="Read JSON lines on stdin, write extractions on stdout."
)
@FORCE
def extract(seeds_dir: Path | None, content_dir: Path | None, jsonl: bool, force: bool) -> None:
    """Extract dates, figures and places from the seeds into content/articles/.

    With --jsonl, read one JSON object per line on stdin,
    {"id": ..., "text": ..., "published": "YYYY-MM-DD" or null}, and write one JSON
    object per line on stdout with sentences, dates, figures and places (offsets are
    character offsets into the given text).
    """
    project = _project()
    if jsonl:
        sys.exit(_extract_jsonl(project))
    seeds_dir = seeds_dir or project.root / "seeds"
    content_dir = content_dir or project.root / "content"
    with _writing(project, "extract", seeds_dir, content_dir):
        report = pipeline.extract(project, seeds_dir, content_dir, _progress("Extracting"), force)
    _finish(report)


def _extract_jsonl(project: Project) -> int:
    resources = project.resources()
    status = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise TypeError(f"not a JSON object but {type(record).__name__}")
            text, article_id = record["text"], record.get("id")
            if not isinstance(text, str):
                raise TypeError("text must be a string")
            given = record.get("published")
            if given is not None:
                try:
                    given = schema.day(given)
                except schema.SchemaError as error:
                    raise ValueError(f"published: {error}") from None
        except RecursionError:
            click.echo(f"error: stdin line {number}: nested too deeply", err=True)
            status = 1
            continue
        except KeyError as error:
            click.echo(f"error: stdin line {number}: no {error} field", err=True)
            status = 1
            continue
        except (ValueError, TypeError) as error:
            click.echo(f"error: stdin line {number}: {error}", err=True)
            status = 1
            continue
        split = sentences.split(text)
        published = (
            Published(given, "given")
            if given
            else tagger.infer_published(text, split, resources.dates)
        )
        found_dates, found_figures, found_places = analyse(text, split, published, resources)
        out = {
            "id": article_id,
            "published": {"value": published.value, "how": published.how},
            "sentences": [{"id": s.id, "start": s.start, "end": s.end} for s in split],
            "dates": [
                {
                    k: getattr(d, k)
                    for k in ("start", "end", "text", "value", "precision", "sentence")
                }
                | ({"end_value": d.end_value} if d.end_value else {})
                for d in found_dates
            ],
            "figures": [
                {k: v for k, v in asdict(f).items() if k != "source_text"} for f in found_figures
            ],
            "places": [asdict(p) for p in found_places],
        }
        click.echo(json.dumps(out, ensure_ascii=False))
    return status


@main.command()
@CONTENT
@FORCE
def assemble(content_dir: Path | None, force: bool) -> None:
    """Render chronology, places, figures and sources from content/articles/."""
    project = _project()
    content_dir = content_dir or project.root / "content"
    with _writing(project, "assemble", project.root / "seeds", content_dir):
        report = pipeline.assemble_content(project, content_dir, force=force)
    _finish(report)


@main.command()
@SEEDS
@click.option("--strict", is_flag=True, help="Fail on warnings too (for CI before a merge).")
def check(seeds_dir: Path | None, strict: bool) -> None:
    """Validate seeds and their metadata files without building anything."""
    project = _project()
    _curated(project)
    loaded = seeds.load(seeds_dir or project.root / "seeds", project.seed_rules())
    warnings = [*loaded.warnings, *(f"{s.path}: {w}" for s in loaded.seeds for w in s.warnings)]
    slugs: dict[str, list[str]] = {}
    for seed in loaded.seeds:
        if slug := seed.metadata.slug or seed.page.slug:
            slugs.setdefault(slug, []).append(seed.path)
    warnings += [
        f"{paths[1]}: slug {slug!r} is also given by {paths[0]}; both will get a suffix"
        for slug, paths in sorted(slugs.items())
        if len(paths) > 1
    ]
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    for error in loaded.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(
        f"{len(loaded.seeds)} seeds ok, {len(loaded.errors)} with errors, {len(warnings)} warnings",
        err=True,
    )
    if loaded.errors or (strict and warnings):
        sys.exit(1)


@main.command()
@SEEDS
@CONTENT
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
@click.option(
    "--dirty",
    is_flag=True,
    help="Rebuild only the pages that changed (faster; search then finds only those).",
)
def serve(seeds_dir: Path | None, content_dir: Path | None, dev_addr: str, dirty: bool) -> None:
    """Serve the site with live reload: a change to a seed, data/ or templates/ regenerates
    the pages it touches, and MkDocs shows them."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from generator.site.serve import Watcher

    project = _project()
    seeds_dir = seeds_dir or project.root / "seeds"
    content_dir = content_dir or project.root / "content"
    with _writing(project, "serve", seeds_dir, content_dir):
        pass  # the regenerations take the lock themselves
    watcher = Watcher(project, seeds_dir, content_dir, lambda line: click.echo(line, err=True))
    watcher.regenerate()
    watcher.start()
    try:
        mkdocs_serve(
            config_file=str(project.config),
            docs_dir=str(content_dir.resolve()),
            dev_addr=dev_addr,
            build_type="dirty" if dirty else None,
        )
    finally:
        watcher.stopped.set()


@main.command(name="dates")
@click.option(
    "--reference",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date that relative expressions are resolved against.",
)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def dates_command(reference: dt.datetime | None, files: tuple[Path, ...]) -> None:
    """Print each date expression of FILES with its value, for a person to read."""
    vocabulary = _project().date_words()
    for path in files:
        warnings: list[str] = []
        try:
            text = seeds.decode(path.read_bytes(), path, warnings)
        except seeds.InputError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(1)
        given, text = seeds.split_marker(text)
        split = sentences.split(text)
        ref = reference.date() if reference else tagger.parse_iso(given)
        if ref is None:
            published = tagger.infer_published(text, split, vocabulary)
            ref = tagger.parse_iso(published.value)
        click.echo(f"{path} (reference {ref or 'unknown'})")
        for mention in tagger.extract(text, split, ref, vocabulary):
            value = mention.value or "unresolved"
            if mention.end_value:
                value += f"/{mention.end_value}"
            note = f"  ({mention.note})" if mention.note else ""
            click.echo(
                f"  {mention.sentence:>4} {mention.text!r:32} {value:14} {mention.precision}{note}"
            )
