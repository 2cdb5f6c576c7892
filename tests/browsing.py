"""Screenshots of what readers see, for a person to look at: ``make screenshots``.

    python tests/browsing.py [SITE] [FOLDER]

Serves the built site (``site/``) on 127.0.0.1 and takes, at desktop and phone widths,
the home page, the newest month of the chronology, an article with a cited sentence
highlighted, a place page and the figures page, into ``screenshots/`` (git-ignored).
The browser tests (``test_browser.py``) serve the site and start Chromium as this does.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
"""Without the background-networking flags, Chromium tries Google's hosts at every start."""
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The address of the built site ``site``, served on 127.0.0.1 meanwhile."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def _newest(site: Path, folder: str) -> str:
    """The path of the newest page under ``folder`` (by its name), as the site serves it."""
    pages = sorted(p.parent for p in (site / folder).rglob("index.html") if p.parent.name.isdigit())
    return pages[-1].relative_to(site).as_posix() + "/"


def _cited(site: Path) -> str:
    """The first citation of the newest month: an article page at a highlighted sentence."""
    html = (site / _newest(site, "chronology") / "index.html").read_text("utf-8")
    found = re.search(r'href="(?:\.\./)+(articles/[^"]+#s\d+)"', html)
    assert found, "the newest month cites no article"
    return found.group(1)


def main(site: Path, folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    pages = {
        "home": "",
        "month": _newest(site, "chronology"),
        "article": _cited(site),
        "place": "places/gaza-strip/",
        "figures": "figures/",
    }
    folder.mkdir(parents=True, exist_ok=True)
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        for width, viewport in WIDTHS.items():
            page = browser.new_page(viewport=viewport)
            for name, path in pages.items():
                page.goto(base + path)
                page.wait_for_timeout(600)  # the header's title slides in after a jump
                shot = folder / f"{name}-{width}.png"
                if name == "article":  # as the reader lands: the cited sentence in view
                    page.screenshot(path=str(shot))
                else:  # the top of the page, three screens long at most
                    tall = min(page.evaluate("document.body.scrollHeight"), 3 * viewport["height"])
                    page.screenshot(path=str(shot), full_page=True,
                                    clip={"x": 0, "y": 0, "width": viewport["width"], "height": tall})  # fmt: skip
                print(shot)
            page.close()
        browser.close()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(Path(arguments[0]) if arguments else ROOT / "site",
         Path(arguments[1]) if len(arguments) > 1 else ROOT / "screenshots")  # fmt: skip
