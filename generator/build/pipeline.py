"""The stages run against folders: extract seeds, assemble pages, build the site.

This is the edge where files are read and written; the work itself is done by the
pure functions of ``extract``, ``reuse``, ``chronology`` and ``assemble``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2
import yaml

from generator.build import cache, folders, parallel, reuse, seeds, state, storage
from generator.chronology import happenings, partitions, unmade
from generator.chronology.happenings import Period
from generator.model import Article, Event, Seed
from generator.project import Project
from generator.site import assemble, content, maps, urls
from generator.site.pages.site import Parts, Planned, Site
from generator.site.render import environment
from generator.text.extract import Resources, extract_seed

GENERATED_DIRS = (
    urls.CHRONOLOGY_FOLDER,
    urls.PLACES_FOLDER,
    urls.DATA,
    urls.FIGURES_FOLDER,
    urls.SOURCES_FOLDER,
)
CURATED = (
    "to keep the correction, make it in the seeds' metadata files or data/*.yml and rebuild; "
    "to drop it, build with --force"
)


@dataclass
class Report:
    articles: list[Article] = field(default_factory=list)
    """The articles extraction found new or changed (every one, without a kept state)."""
    index: partitions.Index | None = None
    gone: list[str] = field(default_factory=list)
    """The ids of articles gone since the last build."""
    kept: state.Kept | None = None
    """What the last build left, when extraction could rely on it."""
    inputs: dict[str, str] = field(default_factory=dict)
    """Each article page's path → what it is made from (the seed's key and the slug)."""
    refused: set[str] = field(default_factory=set)
    """The pages not written because a person edited them."""
    left_out: set[str] = field(default_factory=set)
    """Article pages in the content folder that the site is built without: edited by hand
    and no longer what their seed gives, so their links would lead nowhere."""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: int = 0
    removed: int = 0
    extracted: int = 0
    cached: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    _released: tuple[list[str], list[str]] | None = field(default=None, repr=False)

    def problems(self) -> list[str]:
        """The ``warning:`` and ``error:`` lines of the report, one a problem."""
        return [f"warning: {w}" for w in self.warnings] + [f"error: {e}" for e in self.errors]

    def summary(self) -> list[str]:
        counts, dating = self._released or self._of_articles()
        lines = [*counts, f"files:    {self.written} written, {self.removed} removed"]
        if self.extracted or self.cached:
            lines.append(f"seeds:    {self.extracted} extracted, {self.cached} from the cache")
        if self.seconds:
            lines.append("seconds:  " + ", ".join(f"{k} {v:.2f}" for k, v in self.seconds.items()))
        return lines + dating

    def _of_articles(self) -> tuple[list[str], list[str]]:
        """What the summary says of the articles: their counts, and how they were dated."""
        index = self.index or partitions.Index()
        cards = sorted(index.cards.values(), key=lambda c: c.slug)
        counts = [
            f"articles: {len(cards)}",
            f"events:   {sum(p.count for p in index.periods.values())}",
            f"figures:  {sum(c.figures for c in cards)}",
            f"places:   {len({p for c in cards for p in c.places})}",
        ]
        dating = []
        left_out: Counter[str] = Counter()
        for card in cards:
            left_out.update(dict(card.left_out))
        if left_out:
            shown = ", ".join(f"{kind} {n:,}" for kind, n in sorted(left_out.items()))
            dating.append(f"lines left out of the chronology, by kind: {shown}")
        undated = [a for a in cards if not a.published.value]
        inferred = [a for a in cards if a.published.how == "inferred"]
        if inferred:
            dating.append(f"dates inferred from the text: {len(inferred)}")
            dating += [
                f"  {a.source}: {a.published.value} ({a.published.evidence})" for a in inferred
            ]
        if undated:
            dating.append(f"undated articles (give a date in their metadata file): {len(undated)}")
            dating += [f"  {a.source}" for a in undated]
        return counts, dating

    def release(self) -> None:
        """Keep what the summary says of the articles and entries, and let them go: MkDocs
        needs the memory on a large site."""
        self._released = self._of_articles()
        self.articles, self.index = [], None


def _article_warnings(articles: Iterable[Article | partitions.Card]) -> list[str]:
    return [f"{a.source}: {w}" for a in articles for w in a.warnings]


@dataclass(frozen=True)
class Job:
    """What extracting a seed needs: the curated data, the templates and the cache."""

    resources: Resources | None  # None when no seed needs extracting
    env: jinja2.Environment
    vocabulary: happenings.EntryWords
    store: cache.Cache
    labels: dict[str, str] = field(default_factory=dict)
    """What each kind of part left out of the chronology is called on the article's page."""

    def extract(self, seed: Seed) -> Article:
        assert self.resources is not None
        return extract_seed(seed, self.resources)

    def render(self, read: reuse.Read, base_slug: str) -> str:
        """The article's page under its final slug, put in the cache with the article as
        extracted (under the slug its title gives)."""
        article = read.article
        page = content.render_article(
            self.env,
            article,
            happenings.events_of(article, self.vocabulary),
            self.labels,
            unmade.unmade(article, self.vocabulary),
        )
        self.store.put(read.seed, read.key, replace(article, slug=base_slug), page, article.slug)
        return page

    def ready(self, project: Project) -> Job:
        """The job with the curated data loaded, to extract with."""
        return self if self.resources is not None else replace(self, resources=project.resources())


def _stamp(project: Project, fingerprint: str) -> str:
    """What the kept state depends on besides the seeds: the program, the curated data and
    the templates (their ``cache.fingerprint``), and the settings of the site."""
    return partitions.digest(fingerprint, project.site_config(), project.page_items())


def extract(
    project: Project,
    seeds_dir: Path,
    content_dir: Path,
    progress: Callable[[list], Iterable] = iter,
    force: bool = False,
) -> Report:
    """Seeds → ``content/articles/*.md``; pages of removed seeds are removed, those of seeds
    that could not be read this time are kept. A seed whose key and page are as the last
    build left them is not read from the cache at all, nor, when its files keep the stat
    they had, from disk."""
    report = Report()
    env = environment(project.templates)
    vocabulary = project.entry_words()
    store = cache.Cache(project.cache, seeds_dir)
    stamp = cache.fingerprint(project.data, project.templates)
    kept_state = state.State(project.cache, content_dir, _stamp(project, stamp))
    kept = kept_state.load()
    cards = kept.index.cards
    page_kept = _page_kept(kept_state, kept, force)
    rules = project.seed_rules()
    loaded = seeds.load(seeds_dir, rules, reuse.trusted(kept.seeds, page_kept))
    report.errors += [str(e) for e in loaded.errors]
    report.warnings += loaded.warnings
    lines, shares, changed = reuse.furnished(loaded, kept.seeds, project.part_rules().repetition)

    def read_again(seed_id: str) -> Seed:
        relative = loaded.listed[seed_id].relative
        return replace(seeds.read(seeds_dir, relative, rules, seed_id), repeated=shares[seed_id])

    if changed:  # a line became the site's furniture, or stopped being it
        loaded.unread -= set(changed)
        order = {i: n for n, i in enumerate(loaded.listed)}
        loaded.seeds = sorted([*loaded.seeds, *map(read_again, changed)], key=lambda s: order[s.id])
    plan = reuse.plan(loaded, kept.seeds, stamp, page_kept)
    for seed_id in plan.kept:
        store.keep(seed_id)
    job = Job(None, env, vocabulary, store, project.part_labels())
    found, job = _read(project, job, plan, report, progress)
    bases = {**plan.bases, **{r.seed.id: r.article.slug for r in found}}

    def display(seed_id: str) -> str:
        return seeds.display_path(seeds_dir, loaded.listed[seed_id].relative)

    def page_id(slug: str) -> str | None:
        return _page_id(content_dir / urls.article_page(slug))

    places = reuse.addresses(bases, plan.kept, cards, page_id, display)
    report.warnings += places.renamed
    read_now = {seed.id: seed for seed in loaded.seeds}
    moved = [read_now.get(i) or read_again(i) for i in places.moved]
    found += _read_again(project, job, moved, plan.keys)
    found = _rendered(job, found, places.slugs)
    wanted = {urls.article_page(r.article.slug): r.page for r in found}
    store.prune()
    failed = _kept_pages(content_dir, loaded.failed, wanted)
    _report_found(report, found, failed, kept, places, loaded.failed)
    kept.seeds = reuse.records(plan.keys, bases, loaded.listed, lines, shares)
    report.kept = kept
    report.inputs = reuse.inputs(plan.keys, places.slugs)
    policy = _ArticlePages(
        content_dir,
        sources={urls.article_page(s): display(i) for i, s in places.slugs.items()},
        kept={*failed, *(urls.article_page(places.slugs[i]) for i in places.kept)},
        by_path={urls.article_page(r.article.slug): r.article for r in found},
    )
    _write(
        content_dir,
        wanted.items(),
        report,
        [urls.ARTICLES],
        force,
        policy.hint,
        policy.keep,
        stale=policy.stale,
    )
    refused = {policy.by_path[p].id for p in report.left_out if p in policy.by_path}
    report.articles = [a for a in report.articles if a.id not in refused]
    report.gone = sorted({*report.gone, *(refused & set(cards))})
    return report


def _page_kept(kept_state: state.State, kept: state.Kept, force: bool) -> reuse.PageKept:
    """Whether a seed's article page is as the last build made it from a key."""
    cards = kept.index.cards

    def page_kept(seed_id: str, key: str) -> bool:
        card = cards.get(seed_id)
        if force or card is None:
            return False
        page = urls.article_page(card.slug)
        return kept_state.unchanged(page, partitions.digest(key, card.slug), kept.pages)

    return page_kept


def _read(
    project: Project,
    job: Job,
    plan: reuse.Plan,
    report: Report,
    progress: Callable[[list], Iterable],
) -> tuple[list[reuse.Read], Job]:
    """The articles of the seeds to read, from the cache or extracted (over every core
    when there are many), and the job, with the curated data if it was needed."""
    reads = [
        (seed, plan.keys[seed.id], job.store.get(seed, plan.keys[seed.id])) for seed in plan.read
    ]
    missing = [(seed,) for seed, _, hit in reads if not hit]
    if missing:
        job = job.ready(project)
    fresh = iter(parallel.calls(job, "extract", missing, progress))
    found = [
        reuse.Read(seed, key, *hit) if hit else reuse.Read(seed, key, next(fresh))
        for seed, key, hit in reads
    ]
    report.extracted = len(missing)
    report.cached = len(plan.keys) - len(missing)
    return found, job


def _read_again(
    project: Project, job: Job, moved: list[Seed], keys: Mapping[str, str]
) -> list[reuse.Read]:
    """The articles of unchanged seeds whose slug another's change moved, from the cache
    or extracted, one after the other: they are few."""
    found = []
    for seed in moved:
        hit = job.store.get(seed, keys[seed.id])
        if not hit:
            job = job.ready(project)
        found.append(
            reuse.Read(seed, keys[seed.id], *hit)
            if hit
            else reuse.Read(seed, keys[seed.id], job.extract(seed))
        )
    return found


def _rendered(job: Job, found: list[reuse.Read], slugs: Mapping[str, str]) -> list[reuse.Read]:
    """The articles under their final slugs, each with its page: the cache's if it was
    rendered under that slug, else rendered again (over every core when there are many)."""
    base_slugs = [r.article.slug for r in found]
    for read in found:
        read.article.slug = slugs[read.seed.id]
    stale = [i for i, read in enumerate(found) if read.slug != read.article.slug]
    rendered = parallel.calls(job, "render", [(found[i], base_slugs[i]) for i in stale])
    found = list(found)
    for i, page in zip(stale, rendered, strict=True):
        found[i] = found[i]._replace(page=page, slug=found[i].article.slug)
    return found


def _report_found(
    report: Report,
    found: list[reuse.Read],
    failed: Mapping[str, Path],
    kept: state.Kept,
    places: reuse.Addresses,
    unreadable: set[str],
) -> None:
    """The articles, those gone and their warnings; the pages kept of seeds that could not
    be read this time are read back, and warned of."""
    cards = kept.index.cards
    for path in failed.values():
        report.warnings.append(
            f"{path}: the page of the last good build is kept until the seed's error is fixed"
        )
    failed_ids = {seed_id for seed_id in cards if seeds.kept_page(seed_id, unreadable)}
    articles = [r.article for r in found]
    articles += [a for a in map(content.read_article, failed.values()) if a.id not in cards]
    report.articles = sorted(articles, key=lambda a: a.slug)
    report.gone = sorted(set(cards) - set(places.slugs) - failed_ids)
    report.warnings += _article_warnings(
        [*(r.article for r in found), *(cards[i] for i in places.kept)]
    )


@dataclass(frozen=True)
class _ArticlePages:
    """What is written over in ``content/articles``: the pages of seeds that could not be
    read and those the last build left as they are stay; a page a person edited is not
    overwritten, and is left out of the site when its seed changed or went."""

    content_dir: Path
    sources: dict[str, str]
    """Each page's seed, as shown."""
    kept: set[str]
    by_path: dict[str, Article]

    def hint(self, relative: str) -> str:
        seed_path = self.sources.get(relative)
        where = (
            f"its line of {seed_path} (title, published or corrections)"
            if seed_path and seed_path.endswith(seeds.LINES)
            else f"{Path(seed_path).with_suffix('.yml')} (title, published or corrections)"
            if seed_path
            else "the seed's metadata file"
        )
        return f"to keep the correction, make it in {where} and rebuild; to drop it, build with --force"

    def keep(self, relative: str) -> bool:
        return relative in self.kept

    def stale(self, relative: str, why: str) -> bool:
        """Whether a page a person edited or made is no longer of the text of its seed (its
        seed changed or went), so that its anchors may lead nowhere."""
        if not why.startswith("edited by hand"):
            return False
        article = self.by_path.get(relative)
        return (
            article is None or _page_field(self.content_dir / relative, "sha256") != article.sha256
        )


def _kept_pages(content_dir: Path, failed: set[str], wanted: dict[str, str]) -> dict[str, Path]:
    """The article pages of seeds that could not be read this time, by relative path."""
    if not failed:
        return {}
    kept = {}
    for path in sorted((content_dir / urls.ARTICLES).glob("*.md")):
        relative = path.relative_to(content_dir).as_posix()
        if relative not in wanted and seeds.kept_page(_page_id(path) or "", failed):
            kept[relative] = path
    return kept


def _page_id(path: Path) -> str | None:
    """The seed id in an article page's front matter, or None if it has none."""
    return _page_field(path, "id")


def _page_field(path: Path, key: str) -> str | None:
    """A field of an article page's front matter, or None if it has none."""
    try:
        data, _ = content.split_front_matter(path.read_text("utf-8"), path)
    except (OSError, ValueError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return str(data.get(key)) if isinstance(data, dict) and key in data else None


def read_articles(content_dir: Path) -> list[Article]:
    folder = content_dir / urls.ARTICLES
    return sorted(
        (content.read_article(p) for p in sorted(folder.glob("*.md"))), key=lambda a: a.slug
    )


def assemble_content(
    project: Project, content_dir: Path, report: Report | None = None, force: bool = False
) -> Report:
    """``content/articles`` → chronology, places, figures, sources and home pages, made
    again only where their inputs changed since the last build (all of them, without the
    kept state of an extraction just run)."""
    report = report or Report()
    fingerprint = cache.fingerprint(project.data, project.templates)
    kept_state = state.State(project.cache, content_dir, _stamp(project, fingerprint))
    kept = report.kept
    if kept is None:  # the articles as content/ holds them, every one
        report.articles = read_articles(content_dir)
        kept = state.Kept(pages=kept_state.load().pages)
        report.inputs = {}
    gazetteer = project.gazetteer()
    made = partitions.update(
        kept.index,
        report.articles,
        report.gone,
        project.entry_words(),
        gazetteer,
        kept_state.period,
        kept_state.pub,
    )
    report.index = made.index

    def period(key: Period) -> list[Event]:
        return made.periods[key] if key in made.periods else kept_state.period(key)

    def pub(key: str) -> list[partitions.Filed]:
        return made.pubs[key] if key in made.pubs else kept_state.pub(key)

    site_config = project.site_config()
    site = Site(
        made.index,
        Parts(period, pub, kept_state.chunk),
        gazetteer,
        categories=project.categories(),
        kinds=project.place_kinds(),
        outlines=maps.Outlines.bundled(),
        title=site_config.get("site_name") or "Chronicle",
        site_url=site_config.get("site_url"),
        page_items=project.page_items(),
    )
    env = environment(project.templates)
    planned = assemble.plan(site, env)
    stale = [p for p in planned if force or not kept_state.unchanged(p.path, p.inputs, kept.pages)]
    guard = storage.Guard(content_dir)
    stale += _sums_to_remake(guard, planned, stale)

    def known(folder: str) -> dict[str, str]:
        """The hashes the folder's sums file records for its files that are not remade."""
        recorded = guard.sums_of(folder)
        names = [p.path.rpartition("/")[2] for p in planned if p.path.rpartition("/")[0] == folder]
        return {name: min(recorded[name]) for name in names if name in recorded}

    everything = {p.path for p in planned} | {f"{f}/{storage.SUMS}" for f in assemble.SUMMED}
    texts = parallel.made([p.make for p in stale])
    _write(
        content_dir,
        assemble.made(stale, known, texts),
        report,
        list(GENERATED_DIRS),
        force,
        lambda relative: CURATED,
        everything.__contains__,
        shared=[""],
    )
    pages = dict(kept.pages)
    for path, inputs in [*((p.path, p.inputs) for p in stale), *report.inputs.items()]:
        record = kept_state.record(path, inputs)
        if record and path not in report.refused:
            pages[path] = record
        else:
            pages.pop(path, None)
    live = everything | set(report.inputs)
    kept_state.save(made, {p: r for p, r in sorted(pages.items()) if p in live}, kept.seeds)
    return report


def _sums_to_remake(
    guard: storage.Guard, planned: list[Planned], stale: list[Planned]
) -> list[Planned]:
    """The data files to make again besides the stale: with a stale file, a folder's sums
    are written anew, from the hashes its sums file records for the others; a file it
    records no single hash for is made again too."""
    remade = {p.path for p in stale}
    more = []
    for page in planned:
        folder, _, name = page.path.rpartition("/")
        if folder not in assemble.SUMMED or page.path in remade:
            continue
        touched = any(p.rpartition("/")[0] == folder for p in remade)
        if touched and len(guard.sums_of(folder).get(name, ())) != 1:
            more.append(page)
    return more


def _write(
    content_dir: Path,
    pages: Iterable[tuple[str, str]],
    report: Report,
    owned: list[str],
    force: bool,
    hint: Callable[[str], str],
    keep: Callable[[str], bool] = lambda relative: False,
    shared: Iterable[str] = (),
    stale: Callable[[str, str], bool] = lambda relative, why: False,
) -> None:
    """Write the pages, and report by name each one not written, not deleted or forced; a
    page kept that is ``stale`` (by its path and why it was kept) is left out of the site."""
    outcome = storage.write_tree(content_dir, pages, owned, force, keep, shared)
    report.refused |= {relative for relative, _ in outcome.refused}
    report.written += outcome.written
    report.removed += outcome.removed

    def left_out(relative: str, why: str) -> str:
        if not stale(relative, why):
            return ""
        report.left_out.add(relative)
        return ", and left out of the site"

    for relative, why in outcome.refused:
        out = left_out(relative, why)
        report.errors.append(
            f"{content_dir / relative}: {why}; not overwritten{out}: {hint(relative)}"
        )
    for relative, why in outcome.left:
        out = left_out(relative, why)
        report.warnings.append(
            f"{content_dir / relative}: {why}, and this build does not make it; left in place{out} "
            "(delete it, or build with --force)"
        )
    for relative, why, done in outcome.forced:
        report.warnings.append(f"{content_dir / relative}: {why}; {done} because of --force")


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


def _excluding(project: Project, leave_out: Iterable[str]) -> dict[str, str]:
    """MkDocs' ``exclude_docs`` with the pages to leave out added to the site's own."""
    pages = [f"/{path}" for path in sorted(leave_out)]
    if not pages:
        return {}
    own = project.site_config().get("exclude_docs") or ""
    return {"exclude_docs": "\n".join([*str(own).splitlines(), *pages])}


def build_site(
    project: Project, content_dir: Path, site_dir: Path, leave_out: Iterable[str] = ()
) -> None:
    """``mkdocs build`` (strict, never dirty) into a fresh folder marked as the build's,
    then swapped into place, without the pages of ``leave_out`` (paths in the content
    folder). Only a folder that is the build's is ever removed: the site folder, its last
    version and those a killed build left beside it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _show_mkdocs_warnings()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    old = site_dir.with_name(f".{site_dir.name}.old")
    if old.is_dir() and not site_dir.exists() and folders.replaceable(old, folders.SITE):
        old.rename(site_dir)  # a build stopped between its two renames
    for stopped in site_dir.parent.glob(f".{site_dir.name}.*"):  # left by a killed build
        if stopped.is_dir() and stopped != old and folders.replaceable(stopped, folders.SITE):
            shutil.rmtree(stopped, ignore_errors=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    try:
        folders.claim(fresh, folders.SITE)  # MkDocs leaves hidden files in place
        config = load_config(
            config_file=str(project.config),
            docs_dir=str(content_dir.resolve()),
            site_dir=str(fresh),
            strict=True,
            **_excluding(project, leave_out),
        )
        build(config, dirty=False)
        fresh.chmod(0o755)
        folders.ensure(site_dir, folders.SITE)
        if old.exists():
            folders.ensure(old, folders.SITE)
            shutil.rmtree(old)
        if site_dir.exists():
            site_dir.rename(old)
        fresh.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
