"""The extraction cache's fingerprint covers exactly the libraries extraction runs."""

from __future__ import annotations

import ast
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

from generator.build import cache

ROOT = Path(__file__).resolve().parents[1]

EXTRACTION = (
    "generator.text.extract",  # extracting a seed's article
    "generator.site.content",  # rendering its page
    "generator.site.render",  # the templates' environment
    "generator.chronology.happenings",  # the events on the page
    "generator.project",  # the curated data extraction reads
    "generator.build.seeds",  # the seed as read, its metadata
)


def _imports(module: str) -> set[str]:
    """The modules a module of the generator imports, anywhere in it."""
    path = ROOT / module.replace(".", "/")
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _third_party(roots: tuple[str, ...]) -> set[str]:
    """The libraries (as distributions, in lower case) that the modules imported from the
    roots import, following the generator's own modules."""
    distributions = packages_distributions()
    todo, seen, libraries = list(roots), set(), set()
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        for name in _imports(module):
            top = name.partition(".")[0]
            path = ROOT / name.replace(".", "/")
            if top == "generator":
                if path.is_dir() or path.with_suffix(".py").is_file():
                    todo.append(name)
            elif top not in sys.stdlib_module_names:
                libraries |= {d.lower() for d in distributions[top]}
    return libraries


def test_the_fingerprint_names_exactly_the_libraries_extraction_imports() -> None:
    """A library whose version is in the fingerprint but that extraction does not import
    empties the cache for nothing when it is upgraded; one extraction imports but the
    fingerprint leaves out keeps articles and pages an upgrade would change."""
    assert {library.lower() for library in cache.LIBRARIES} == _third_party(EXTRACTION)


def test_the_imports_followed_are_those_of_the_generator() -> None:
    """The walk sees what it is meant to see: the libraries the whole program imports
    include those of extraction and those it builds the site and runs with."""
    everything = _third_party(("generator.cli",))
    assert _third_party(EXTRACTION) < everything
    assert {"mkdocs", "click"} <= everything
    assert "geotext" not in everything  # only the benchmark of places uses it


def test_the_fingerprint_follows_what_the_libraries_run_with() -> None:
    """An upgrade of lxml or jusText changes what trafilatura extracts as surely as one of
    trafilatura: the versions of what the libraries require are in the fingerprint too."""
    running = cache.running()
    assert {"trafilatura", "lxml", "justext", "dateparser", "regex", "markupsafe"} <= set(running)
    assert "mkdocs" not in running and "click" not in running
