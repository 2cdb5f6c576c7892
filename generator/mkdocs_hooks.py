"""MkDocs hook: a navigation of sections, years and indexes, never of every article.

Listing every page would put the whole menu in every page, so output would grow with
the square of the corpus.  The years come from the folders of ``chronology/``.
"""

from __future__ import annotations

from pathlib import Path


def navigation(docs_dir: Path) -> list:
    years = sorted(
        (d.name for d in (docs_dir / "chronology").glob("*") if (d / "index.md").is_file()),
        reverse=True,
    )
    chronology: list = ["chronology/index.md"] + [{y: f"chronology/{y}/index.md"} for y in years]
    nav: list = [{"Home": "index.md"}, {"Chronology": chronology}]
    for title, path in (("Places", "places/index.md"), ("Figures", "figures.md"),
                        ("Sources", "sources.md")):  # fmt: skip
        if (docs_dir / path).is_file():
            nav.append({title: path})
    return nav


def on_config(config, **_: object):
    if not config.nav:
        config.nav = navigation(Path(config.docs_dir))
    return config
