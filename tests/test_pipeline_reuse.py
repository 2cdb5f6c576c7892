"""What an extraction keeps from the last build, decided without the disk: which seeds are
read, which addresses stay, and what the report says of those that move."""

from __future__ import annotations

from types import SimpleNamespace

from generator.build import cache, reuse
from generator.build.seeds import Listed, Loaded
from generator.build.state import SeedRecord
from generator.model import Metadata, Seed

STAMP = "fingerprint"


def _seed(seed_id: str, text: str = "Text.") -> Seed:
    return Seed(seed_id, f"seeds/{seed_id}.txt", text, "0" * 64, None, Metadata())


def _listed(seed_id: str) -> Listed:
    return Listed(f"{seed_id}.txt", (1, 2))


def _record(seed: Seed, base: str) -> SeedRecord:
    return SeedRecord(cache.key(seed, STAMP), base, _listed(seed.id))


def test_a_seed_is_read_again_only_when_its_key_or_page_changed() -> None:
    same, edited, changed, new = (_seed(i) for i in ("a", "b", "c", "d"))
    last = {
        "a": _record(same, "a-title"),
        "b": _record(edited, "b-title"),
        "c": _record(_seed("c", "Another text."), "c-title"),
        "e": SeedRecord("key of e", "e-title", _listed("e")),
    }
    loaded = Loaded(
        seeds=[same, edited, changed, new],
        listed={i: _listed(i) for i in "abcde"},
        unread={"e"},
    )
    asked = []

    def page_kept(seed_id: str, key: str) -> bool:
        asked.append(seed_id)
        return seed_id != "b"  # a person edited b's page

    plan = reuse.plan(loaded, last, STAMP, page_kept)
    assert plan.kept == ["a", "e"]
    assert plan.bases == {"a": "a-title", "e": "e-title"}
    assert [seed.id for seed in plan.read] == ["b", "c", "d"]
    assert plan.keys == {**{s.id: cache.key(s, STAMP) for s in loaded.seeds}, "e": "key of e"}
    assert asked == ["a", "b"]  # neither a changed seed nor a new one has a page to keep
    assert reuse.trusted(last, page_kept) == {i: _listed(i) for i in "ace"}


def test_the_page_that_has_an_address_keeps_it() -> None:
    """By the last build's index, else by the id in the page at that address (a fresh
    cache); a newcomer that asks for it gets the suffix, and is warned of."""
    bases = {"old": "same", "new": "same", "alone": "other"}
    cards = {"old": SimpleNamespace(slug="same"), "alone": SimpleNamespace(slug="other")}
    shown = {"old": "seeds/old.txt", "new": "seeds/new.txt", "alone": "seeds/alone.txt"}
    for cards_now, page_id in ((cards, {}.get), ({}, {"same": "old"}.get)):
        places = reuse.addresses(bases, [], cards_now, page_id, shown.__getitem__)
        assert places.slugs["old"] == "same" and places.slugs["alone"] == "other"
        assert places.slugs["new"].startswith("same-")
        (warning,) = places.renamed
        assert warning == (
            f"seeds/new.txt: its address articles/same.md is also asked for by seeds/old.txt; "
            f"its page is articles/{places.slugs['new']}.md"
        )
    nobody = reuse.addresses(bases, [], {}, {}.get, shown.__getitem__)
    assert all(nobody.slugs[i].startswith("same-") for i in ("old", "new"))
    assert len(nobody.renamed) == 2


def test_a_kept_page_another_change_moves_is_read_again() -> None:
    """An unchanged article that had the suffix because another asked for its address
    gets the address back when the other goes: its page moves."""
    bases = {"kept": "same", "stays": "other"}
    cards = {"kept": SimpleNamespace(slug="same-1a2b3c"), "stays": SimpleNamespace(slug="other")}
    places = reuse.addresses(bases, ["kept", "stays"], cards, {}.get, str)
    assert places.slugs == {"kept": "same", "stays": "other"}
    assert places.moved == ["kept"] and places.kept == ["stays"]
    assert places.renamed == []


def test_what_the_next_build_is_told() -> None:
    keys, slugs = {"a": "key a", "b": "key b"}, {"a": "a-title", "b": "b-title-1"}
    listed = {"a": _listed("a"), "b": _listed("b")}
    bases = {"a": "a-title", "b": "b-title"}
    lines = {"a": frozenset({1, 2}), "b": frozenset({2})}
    shares = {"a": (2,), "b": (2,)}
    assert reuse.records(keys, bases, listed, lines, shares) == {
        "a": SeedRecord("key a", "a-title", listed["a"], frozenset({1, 2}), (2,)),
        "b": SeedRecord("key b", "b-title", listed["b"], frozenset({2}), (2,)),
    }
    inputs = reuse.inputs(keys, slugs)
    assert list(inputs) == ["articles/a-title.md", "articles/b-title-1.md"]
    assert len(set(inputs.values())) == 2
