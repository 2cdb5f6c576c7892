"""A line that many articles of the seeds folder repeat word for word (a promotion, a
sidebar, an explainer graphic's caption) is the site's, not the news: it makes no entry,
and the article page shows it folded with why. The count is across the folder, so a seed
added later turns the line into furniture in the articles already built, too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, chronicle

from generator.project import Project
from generator.text import parts, repeated

RULES = Project(ROOT).resources().part_rules
THRESHOLD = RULES.repetition.articles
PROMO = "Our podcast, where 12 reporters discussed the week of 3 March 2025, is online."


def article(n: int, promo: bool = True) -> str:
    lines = [
        f" date 2025-04-{n:02d} Talks number {n} opened in Cairo on {n} April 2025.",
        f"Delegates from {n + 1} countries attended, officials said on {n} April 2025.",
    ]
    if promo:
        lines.insert(1, PROMO)
    return "\n".join(lines) + "\n"


def test_the_threshold_is_the_curated_one():
    assert THRESHOLD == 8 and RULES.repetition.words == 4


def test_lines_in_enough_articles_are_the_sites():
    texts = {str(n): article(n) for n in range(1, THRESHOLD + 1)}
    repetition = RULES.repetition
    shares = repeated.of_each(
        {i: repeated.fingerprints(t, repetition) for i, t in texts.items()}, repetition
    )
    assert all(len(s) == 1 for s in shares.values())
    found = parts.segment(texts["1"], RULES, (), shares["1"])
    assert [(p.kind, texts["1"][p.start : p.end]) for p in found] == [("repeated", PROMO)]
    assert f"at least {THRESHOLD} articles" in found[0].rule
    # one article fewer: the line is the article's own
    fewer = {i: repeated.fingerprints(texts[i], repetition) for i in list(texts)[1:]}
    assert not any(repeated.of_each(fewer, repetition).values())


def test_short_lines_and_case_and_spacing():
    repetition = repeated.Repetition(articles=2, words=4)
    assert repeated.fingerprint("Share  this", 4) is None
    assert repeated.fingerprint("Read MORE  of this  story", 4) == repeated.fingerprint(
        "read more of this story ", 4
    )
    both = repeated.of_each(
        {"a": repeated.fingerprints("Share this\nOne two three four.\n", repetition),
         "b": repeated.fingerprints("Share this\nONE two three  four.\n", repetition)},
        repetition,
    )  # fmt: skip
    assert len(both["a"]) == 1 and both["a"] == both["b"]


def test_a_rule_comes_before_repetition():
    """A repeated comment-section notice still opens the thread of comments after it."""
    notice = "Views expressed in the comments do not represent those of Reuters."
    text = f"Body one.\n{notice}\nI disagree with this story.\n"
    fingerprint = repeated.fingerprint(notice, 1)
    assert fingerprint is not None
    found = parts.segment(text, RULES, (), (fingerprint,))
    assert [p.kind for p in found] == ["comments"]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"articles": 1}, "articles must be a whole number of at least 2"),
        ({"words": "four"}, "words must be a whole number of at least 1"),
        ([8], "give articles and words"),
    ],
)
def test_a_bad_setting_is_named(data: object, message: str):
    with pytest.raises(ValueError, match=message):
        parts.Rules.from_data({"repeated": data}, "data/parts.yml")


def _events(content: Path) -> str:
    return json.dumps(json.loads((content / "data" / "events" / "2025.json").read_text("utf-8")))


def test_a_seed_added_later_makes_the_line_furniture_everywhere(tmp_path: Path):
    seeds, content, site = tmp_path / "seeds", tmp_path / "content", tmp_path / "site"
    seeds.mkdir()
    for n in range(1, THRESHOLD):
        (seeds / f"a{n}.txt").write_text(article(n), "utf-8")
    cache = tmp_path / "cache"

    def run() -> None:
        done = chronicle(
            "build", "--seeds", str(seeds), "--content", str(content), "--site", str(site),
            cache=cache,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr

    run()
    assert "podcast" in _events(content)
    (seeds / f"a{THRESHOLD}.txt").write_text(article(THRESHOLD), "utf-8")
    run()
    events = _events(content)
    assert "podcast" not in events and "2025-03-03" not in events
    assert "Talks number 1 opened" in events and f"Talks number {THRESHOLD} opened" in events
    page = (content / "articles" / "talks-number-1-opened-in-cairo-on-1-april-2025.md").read_text(
        "utf-8"
    )
    assert "1 line of site furniture repeated across articles" in page
    assert f"the same line is in at least {THRESHOLD} articles of the corpus" in page
    # and back: the line is the articles' own again when one of them goes
    (seeds / f"a{THRESHOLD}.txt").unlink()
    run()
    assert "podcast" in _events(content)
