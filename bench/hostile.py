"""Hostile input (issue 22): bad files, names, links, values and sizes, on the real build.

    .venv/bin/python bench/hostile.py             # the whole set, a few minutes
    .venv/bin/python bench/hostile.py --quick     # a subset: a few generators per family
    .venv/bin/python bench/hostile.py --table     # also README's "Bad input" table rows
    .venv/bin/python bench/hostile.py --only kind_list,fifo_seed --keep /tmp/hostile
    .venv/bin/python bench/hostile.py --list      # the generators, by family
    .venv/bin/python bench/hostile.py --show kind_list   # the files a generator makes

Each generator below is a function that returns the files it makes (in a folder of its
own inside the seeds folder) and what it expects. Independent generators share a build:
one seeds folder with the files of up to ``--batch`` of them and a good seed, built with
``python -m generator build`` into a temporary folder, with a private cache
(``CHRONICLE_CACHE``), a memory limit and a timeout. A build that crashes (a Python
traceback, or an exit code other than 0, 1 or 2), hangs, loses the good seed, fails in
MkDocs, writes outside its folders or makes a feed or data file that does not parse is
split in halves until the generator that does it is found. In a build that finishes,
each input file must become an article page (in ``site/``) or be named by an ``error:`` or
``warning:`` line of the report: one that is neither is a silent skip. A metadata file
counts as used when its seed's page holds the marker it carries, if it carries one.

The set also runs ``chronicle extract --jsonl`` on hostile lines, each followed by a valid
one that must still get its output line, and times every seed's text through the same
interface (one process, each output line timestamped) for the slowest seed per kilobyte.

Exit status: 1 if any crash, hang or silent skip was found, else 0. Unsafe output (a
payload that became markup, a secret file's text in the site), writes outside the
build's folders and results other than a generator expects are printed too, without
changing the exit status.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import functools
import hashlib
import io
import json
import os
import queue
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").is_dir() else sys.executable
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# ---------------------------------------------------------------------------------------
# Synthetic news text (no real article is quoted).

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
PLACES = ["Rafah", "Khan Younis", "Gaza City", "Jabalia", "Deir al-Balah", "Nuseirat"]


def sentence(i: int) -> str:
    """A dated news sentence with a place and a figure, different for each ``i``."""
    day, month, year = 1 + i % 28, MONTHS[i // 28 % 12], 2020 + i // 336 % 5
    place, count = PLACES[i % len(PLACES)], 2 + i % 97
    return (
        f"On {day} {month} {year} troops entered {place}, where at least {count} people "
        "were killed, officials said."
    )


BASE = (
    "On 3 May 2023 troops entered Rafah, where at least 5 people were killed, officials "
    "said. On Monday 3 people were injured in Khan Younis, medics said."
)
MARKED = f" date 2023-05-04 {BASE}"
RELATIVE = (
    "On Monday troops entered Rafah, where at least 5 people were killed, officials said. "
    "Talks will resume in Cairo next week, and a truce may follow next month. Last year, "
    "on 3 May, 3 people were injured in Khan Younis, medics said."
)
GOOD = " date 2023-05-10 " + " ".join(sentence(i) for i in (130, 131, 132))


def tag_of(name: str) -> str:
    """A token unique to a generator, to find its payload in the built site."""
    return "hx" + hashlib.sha256(name.encode()).hexdigest()[:8]


# ---------------------------------------------------------------------------------------
# What a generator makes and expects.


@dataclass
class File:
    path: str | bytes
    """Under the generator's folder ("/" between folders); bytes for a name not in UTF-8."""
    data: bytes = b""
    kind: str = "file"
    """file, link, fifo or folder."""
    target: str = ""
    """A link's target; ``{outside}`` is a folder of the generator's outside the seeds."""
    mode: int | None = None
    role: str = "seed"
    """seed: must become a page or be named; meta: must be used or named; other: neither."""
    seed: str = ""
    """A metadata file's seed (default: its stem with .txt)."""
    marker: str | None = None
    """A metadata file is used only if its seed's page holds this text."""
    outside: bool = False
    """Made in the generator's folder outside the seeds folder, not in it."""


@dataclass
class Made:
    files: list[File]
    expect: str = "page"
    """page (built), error (refused by name), warning, problem (error or warning naming
    it), any (nothing but no crash, hang or silent skip)."""
    forbidden: list[tuple[str, str]] = field(default_factory=list)
    """(file suffix, regex) that no file of the built site may match."""


@dataclass(frozen=True)
class Generator:
    name: str
    family: str
    make: Callable[[], Made]
    doc: str
    row: str
    """The README table's row it shares with others (its own name by default)."""
    alone: bool = False
    """Built on its own (with the good seed): slow, or it could hang a shared build."""
    quick: bool = False


GENERATORS: list[Generator] = []
FAMILIES = ("payloads", "names", "links", "metadata", "sizes", "jsonl")


def generator(family: str, *, alone: bool = False, quick: bool = False, row: str = ""):
    def register(make: Callable[[], Made]) -> Callable[[], Made]:
        doc = (make.__doc__ or make.__name__).strip().splitlines()[0]
        GENERATORS.append(Generator(make.__name__, family, make, doc, row or make.__name__,
                                    alone, quick))  # fmt: skip
        return make

    return register


_MAKING = [""]
"""The generator whose files are being made."""
_FIRSTS: dict[tuple[str, str | bytes], int] = {}


def making(gen: Generator) -> Made:
    _MAKING[0] = gen.name
    try:
        return gen.make()
    finally:
        _MAKING[0] = ""


def own(path: str | bytes = "a.txt") -> str:
    """A first sentence of the seed's own, so that no two seeds of different generators
    share a title (the warnings about their clashing slugs would name both)."""
    return sentence(_FIRSTS.setdefault((_MAKING[0], path), 200 + len(_FIRSTS)))


def seed(path: str | bytes = "a.txt", text: str | None = None) -> File:
    """A seed: by default ``MARKED`` after a first sentence of its own."""
    if text is None:
        text = f" date 2023-05-04 {own(path)} {BASE}"
    return File(path, text.encode("utf-8"))


def meta(yml: str, path: str = "a.yml", seed: str = "a.txt", marker: str | None = None) -> File:
    return File(path, yml.encode("utf-8"), role="meta", seed=seed, marker=marker)


def scalar(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(value)


# ---------------------------------------------------------------------------------------
# Payloads in text, title, publisher, url and slug.

PAYLOADS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    # name: (what it is, the payload with {tag}, what must not be in the site)
    "html_script": ("HTML `<script>`", '<script>alert("{tag}")</script>',
                    [(".html", r'<script>alert\("{tag}"')]),
    "img_onerror": ("`<img onerror>`", '<img src=x onerror=alert("{tag}")>',
                    [(".html", r"<img[^<>]*{tag}")]),
    "md_js_link": ("Markdown link `[x](javascript:…)`", '[click](javascript:alert("{tag}"))',
                   [(".html", r"<a\b[^<>]*href=[\"']?javascript:[^<>]*{tag}")]),
    "attr_list": ("attribute list `{: #id }`", 'Rafah {: #{tag} data-x="{tag}" }',
                  [(".html", r'<[^<>]*\b(id|data-x)="{tag}"')]),
    "jinja_expr": ("Jinja `{{ }}`", "{{ 'JINJA-' ~ '{tag}' }}", [("", r"JINJA-{tag}")]),
    "jinja_stmt": ("Jinja `{% %}`", "{% for i in 'AB' %}{{ i }}{% endfor %}-LOOP-{tag}",
                   [("", r"AB-LOOP-{tag}")]),
    "yaml_front": ("YAML front-matter delimiters", "\n---\ntitle: FM-{tag}\n---\n",
                   [(".html", r"<title>FM-{tag}")]),
    "csv_formula": ("CSV formula `=cmd|…`", "=cmd|' /C calc'!A0 {tag}",
                    [(".csv", r'(?m)(^|,)"?=cmd\|')]),
    "quotes": ("every quote and bracket", "\"Gaza (it's 'x')\" ') \"] ` < | {tag}", []),
    "control_chars": ("control characters", "\x1b[31m\x07\x08\x0b\x0c\x7f\x85\x9b {tag}", []),
    "bidi": ("bidi overrides", "\u202eevil\u202c \u2066x\u2069 \u200f{tag}", []),
    "nul": ("NUL", "a\x00b {tag}", []),
    "lone_surrogate": ("lone surrogates (UTF-16 file, YAML escapes)", "\ud800 {tag} \udfff", []),
}  # fmt: skip
FIELDS = ("text", "title", "publisher", "url", "slug")
QUICK_PAYLOADS = {"html_script", "md_js_link", "jinja_expr", "control_chars", "lone_surrogate"}


def payload_generator(payload: str, where: str) -> None:
    """Register the generator of ``payload`` in the field ``where``."""
    what, template, forbidden = PAYLOADS[payload]
    name = f"{payload}_in_{where}"
    tag = tag_of(name)
    value = template.replace("{tag}", tag)
    patterns = [(suffix, regex.replace("{tag}", tag)) for suffix, regex in forbidden]

    def make() -> Made:
        if where == "text":
            text = (f" date 2023-05-04 {value} On 3 May 2023 troops entered Rafah {value}, "
                    f"where at least 5 people were killed, officials said.\n{BASE}")  # fmt: skip
            if payload == "lone_surrogate":  # UTF-16 with its BOM, as the issue asks
                data = codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass")
                return Made([File("a.txt", data)], "problem", patterns)
            return Made([File("a.txt", text.encode("utf-8"))], "page", patterns)
        given = f"https://example.org/news?q={value}" if where == "url" else value
        yml = f"{where}: {scalar(given)}\n"
        expect = "error" if where == "slug" else "any" if payload == "lone_surrogate" else "page"
        return Made([seed(), meta(yml)], expect, patterns)

    make.__name__ = name
    make.__doc__ = f"{what} in the {where}"
    generator("payloads", row=payload, quick=payload in QUICK_PAYLOADS and where != "url")(make)


for _payload in PAYLOADS:
    for _where in FIELDS:
        payload_generator(_payload, _where)


@generator("payloads", quick=True)
def marker_at_calendar_end() -> Made:
    """date marker 9999-12-31 and "next Monday" (past the calendar's end)"""
    return Made([seed(text=" date 9999-12-31 Troops will enter Rafah next Monday, "
                      "and talks resume next month, officials said.")], "any")  # fmt: skip


@generator("payloads")
def marker_at_calendar_start() -> Made:
    """date marker 0001-01-01 and "last Monday" (before the calendar's start)"""
    return Made([seed(text=" date 0001-01-01 Troops entered Rafah last Monday, a year "
                      "earlier than the truce of last month, officials said.")], "any")  # fmt: skip


@generator("payloads")
def marker_odd_forms() -> Made:
    """date markers 2023-02-30, 20231108 and 2023-W45-3"""
    return Made([seed("a.txt", f" date 2023-02-30 {own('a.txt')} {BASE}"),
                 seed("b.txt", f" date 20231108 {own('b.txt')} {BASE}"),
                 seed("c.txt", f" date 2023-W45-3 {own('c.txt')} {BASE}")], "warning")  # fmt: skip


@generator("payloads")
def surrogate_bytes_in_utf8() -> Made:
    """a UTF-8 file with an encoded lone surrogate (ED A0 80)"""
    return Made([File("a.txt", seed().data + b" \xed\xa0\x80 Rafah.")], "warning")


# ---------------------------------------------------------------------------------------
# Names.


@generator("names", quick=True)
def name_dotdot() -> Made:
    """a seed named `..txt`"""
    return Made([seed("..txt")], "problem")


@generator("names", quick=True)
def name_hidden() -> Made:
    """a seed named `.hidden.txt`"""
    return Made([seed(".hidden.txt")], "problem")


@generator("names")
def name_spaces() -> Made:
    """a seed name with spaces"""
    return Made([seed("troops enter rafah.txt")])


@generator("names")
def name_quotes() -> Made:
    """a seed name with quotes and brackets"""
    return Made([seed('it\'s "quoted" [1] (x) `y`.txt')])


@generator("names", quick=True)
def name_newline() -> Made:
    """a seed name with a newline"""
    return Made([seed("new\nline.txt")], expect="error")  # one line names it escaped


@generator("names")
def name_controls() -> Made:
    """a seed name with a tab and an escape character"""
    return Made([seed("tab\there\x1b[31m.txt")], expect="error")


@generator("names")
def name_non_ascii() -> Made:
    """a seed name in Arabic, Japanese and accented Latin"""
    return Made([seed("غزة ü 日本.txt")])


@generator("names", quick=True)
def name_not_utf8() -> Made:
    """a seed name that is not UTF-8 (bytes E9 FF)"""
    return Made([seed(b"caf\xe9 \xff.txt")], expect="error")


@generator("names")
def name_like_options() -> Made:
    """seed names like command-line options (`-rf.txt`, `--help.txt`)"""
    return Made([seed("-rf.txt"), seed("--help.txt")])


@generator("names")
def name_251_bytes() -> Made:
    """a seed name of 251 bytes (its .yml is 251 too)"""
    return Made([seed("n" * 247 + ".txt"), meta("title: Long name\n", "n" * 247 + ".yml",
                                                "n" * 247 + ".txt")])  # fmt: skip


@generator("names", quick=True)
def name_255_bytes() -> Made:
    """a seed name of 255 bytes, ASCII and UTF-8"""
    return Made([seed("m" * 251 + ".txt"), seed("ü" * 125 + "x.txt")])


@generator("names", quick=True)
def path_over_4096() -> Made:
    """a seed whose path is over 4,096 bytes (nested folders)"""
    folders = "/".join(f"{i:02d}" + "d" * 218 for i in range(19))
    return Made([seed(f"{folders}/deep.txt")], "any")


@generator("names", quick=True)
def yml_and_yaml() -> Made:
    """`a.yml` and `a.yaml` both beside `a.txt`"""
    return Made([seed(),
                 meta("publisher: Marker from yml\n", "a.yml", marker="Marker from yml"),
                 meta("publisher: Marker from yaml\n", "a.yaml", marker="Marker from yaml")],
                "problem")  # fmt: skip


@generator("names")
def seed_named_index() -> Made:
    """a seed named `index.txt`"""
    return Made([seed("index.txt")])


@generator("names")
def title_index() -> Made:
    """a title and a metadata slug that make the slug `index`"""
    return Made([seed("a.txt"), meta("title: Index\n"),
                 seed("b.txt"), meta("slug: index\n", "b.yml", "b.txt")])  # fmt: skip


@generator("names", quick=True)
def same_title_slug() -> Made:
    """two seeds whose titles give the same slug"""
    return Made([seed("one.txt", MARKED), seed("two.txt", MARKED),
                 seed("three.txt", MARKED), meta("title: On 3 May 2023 troops entered Rafah!\n",
                                         "three.yml", "three.txt")])  # fmt: skip


@generator("names")
def meta_slug_of_another() -> Made:
    """a metadata slug equal to another article's slug"""
    return Made([seed("first.txt"), meta("title: Troops enter Jabalia\n", "first.yml", "first.txt"),
                 seed("second.txt"), meta("slug: troops-enter-jabalia\n", "second.yml",
                                          "second.txt")])  # fmt: skip


@generator("names")
def upper_suffix() -> Made:
    """a seed with the suffix `.TXT`"""
    return Made([seed("SHOUT.TXT")], "problem")


@generator("names")
def folder_named_txt() -> Made:
    """a folder named `x.txt` holding a seed"""
    return Made([File("x.txt", kind="folder", role="other"), seed("x.txt/inner.txt")])


@generator("names")
def meta_without_seed() -> Made:
    """a metadata file with no seed beside it"""
    return Made([meta("title: Orphan\n", "orphan.yml", "orphan.txt", marker="never")], "warning")


# ---------------------------------------------------------------------------------------
# Links and special files.


@generator("links", quick=True)
def link_to_etc_passwd() -> Made:
    """a seed that is a symlink to /etc/passwd"""
    return Made([File("passwd.txt", kind="link", target="/etc/passwd")], "problem",
                [("", r"root:x:0:0")])  # fmt: skip


@generator("links", quick=True)
def link_outside() -> Made:
    """a seed that is a symlink to a file outside the seeds folder"""
    tag = tag_of("link_outside")
    secret = f" date 2023-05-04 SECRET-{tag} troops entered Rafah on 3 May 2023."
    return Made([File("secret.txt", secret.encode(), role="other", outside=True),
                 File("a.txt", kind="link", target="{outside}/secret.txt")], "problem",
                [("", f"SECRET-{tag}")])  # fmt: skip


@generator("links")
def link_inside() -> Made:
    """a seed that is a symlink to another seed in the folder"""
    return Made([seed("real.txt"), File("alias.txt", kind="link", target="real.txt")], "any")


@generator("links", quick=True)
def link_dangling() -> Made:
    """a dangling symlink named like a seed"""
    return Made([File("dangling.txt", kind="link", target="missing.txt")], "problem")


@generator("links", quick=True)
def link_loop() -> Made:
    """a symlink loop: `loop.txt` to itself, `a.txt` and `b.txt` to each other"""
    return Made([File("loop.txt", kind="link", target="loop.txt"),
                 File("a.txt", kind="link", target="b.txt"),
                 File("b.txt", kind="link", target="a.txt")], "problem")  # fmt: skip


@generator("links", alone=True, quick=True)
def fifo_seed() -> Made:
    """a seed that is a FIFO (reading it blocks)"""
    return Made([File("pipe.txt", kind="fifo")], "problem")


@generator("links", quick=True)
def unreadable_file() -> Made:
    """an unreadable seed (chmod 000)"""
    return Made([File("locked.txt", seed("locked.txt").data, mode=0)], "error")


@generator("links")
def unreadable_folder() -> Made:
    """an unreadable folder of seeds (chmod 000)"""
    return Made([seed("locked/a.txt"),
                 File("locked", kind="folder", mode=0, role="other")], "problem")  # fmt: skip


@generator("links", quick=True)
def meta_link_out() -> Made:
    """a metadata file that is a symlink out of the seeds folder"""
    tag = tag_of("meta_link_out")
    return Made([File("secret.yml", f"publisher: SECRET-{tag}\n".encode(), role="other", outside=True),
                 seed(), File("a.yml", kind="link", target="{outside}/secret.yml", role="meta",
                              seed="a.txt")],
                "problem", [("", f"SECRET-{tag}")])  # fmt: skip


@generator("links", alone=True, quick=True)
def meta_fifo() -> Made:
    """a metadata file that is a FIFO"""
    return Made([seed(), File("a.yml", kind="fifo", role="meta", seed="a.txt")], "problem")


@generator("links", alone=True)
def meta_huge() -> Made:
    """a metadata file of 12 MB (comments and a publisher)"""
    comments = "# " + "x" * 97 + "\n"
    yml = comments * 120_000 + "publisher: Marker of the huge file\n"
    return Made([seed(), meta(yml, marker="Marker of the huge file")], "error")


@generator("links")
def meta_unreadable() -> Made:
    """an unreadable metadata file (chmod 000)"""
    return Made([seed(), File("a.yml", b"title: Locked\n", mode=0, role="meta", seed="a.txt")],
                "error")  # fmt: skip


@generator("links", quick=True)
def meta_is_folder() -> Made:
    """a folder named like the metadata file (`a.yml/`)"""
    return Made([seed(), File("a.yml", kind="folder", role="other")], "any")


@generator("links")
def meta_dangling_link() -> Made:
    """a metadata file that is a dangling symlink"""
    return Made([seed(), File("a.yml", kind="link", target="gone.yml", role="meta", seed="a.txt",
                              marker="never")], "problem")  # fmt: skip


# ---------------------------------------------------------------------------------------
# Metadata and corrections values: a good seed with a metadata file each.


def metadata_generator(name: str, what: str, yml: str, expect: str = "problem", *,
                       text: str | None = None, quick: bool = False, alone: bool = False) -> None:  # fmt: skip
    """Register a generator of a seed with the metadata file ``yml``."""

    def make() -> Made:
        return Made([seed(text=text and f"{own()} {text}"), meta(yml)], expect)

    make.__name__ = name
    make.__doc__ = what
    generator("metadata", quick=quick, alone=alone)(make)


def correction(**fields: str) -> str:
    return "corrections:\n  - {" + ", ".join(f"{k}: {v}" for k, v in fields.items()) + "}\n"


DATE = {"kind": "date", "text": '"3 May 2023"'}
FIGURE = {"kind": "figure", "text": '"at least 5"'}
PLACE = {"kind": "place", "text": "Rafah"}
for _name, _what, _yml, _quick in [
    ("corr_week_99", "correction value `2023-W99`", correction(**DATE, value="2023-W99"), False),
    ("corr_month_13", "correction value `2023-13`", correction(**DATE, value="2023-13"), False),
    ("corr_feb_30", "correction value `2023-02-30`", correction(**DATE, value='"2023-02-30"'), False),
    ("corr_start_x", "correction `start: x`", correction(**DATE, start="x"), True),
    ("corr_end_huge", "correction `end: 10**12`", correction(**DATE, end="1000000000000"), False),
    ("corr_value_list", "correction value `[2023]`", correction(**DATE, value="[2023]"), False),
    ("fig_value_str", 'figure value `"5"`', correction(**FIGURE, value='"5"'), False),
    ("fig_value_x", 'figure value `"x"`', correction(**FIGURE, value='"x"'), True),
    ("fig_value_1e400", "figure value `1e400`", correction(**FIGURE, value="1e400"), False),
    ("fig_value_inf_float", "figure value `1.0e+400`", correction(**FIGURE, value="1.0e+400"), False),
    ("fig_value_nan", "figure value `.nan`", correction(**FIGURE, value=".nan"), True),
    ("fig_value_inf", "figure value `.inf`", correction(**FIGURE, value=".inf"), False),
    ("fig_min_x", "figure `min: x`", correction(**FIGURE, min="x"), False),
    ("fig_max_list", "figure `max: [1]`", correction(**FIGURE, max="[1]"), False),
    ("fig_category_new", "figure `category: [x]`", correction(**FIGURE, category="[x]"), False),
    ("place_nowhere", "place id `nowhere`", correction(**PLACE, place="nowhere"), False),
    ("place_index", "place id `index`", correction(**PLACE, place="index"), False),
    ("place_traversal", "place id `../../etc/x`", correction(**PLACE, place="../../etc/x"), True),
    ("place_name_null", "place `name: null`", correction(**PLACE, name="null"), False),
    ("place_lat_x", "place `lat: x`", correction(**PLACE, lat="x"), False),
    ("kind_list", "correction `kind: [date]`", correction(kind="[date]", text="Rafah"), True),
    ("kind_unknown", "correction `kind: person`", correction(kind="person", text="Rafah"), False),
    ("sentence_true", "correction `sentence: true`", correction(**DATE, sentence="true", drop="true"), False),
    ("sentence_list", "correction `sentence: [1]`", correction(**DATE, sentence="[1]", drop="true"), False),
    ("drop_string_no", 'correction `drop: "no"`', correction(**DATE, drop='"no"'), False),
    ("corrections_mapping", "corrections as a mapping", "corrections: {kind: date}\n", False),
    ("url_bad_ipv6", 'url `"http://[::1/x"`', 'url: "http://[::1/x"\n', True),
    ("url_javascript", "url `javascript:`", 'url: "javascript:alert(1)"\n', False),
    ("url_data", "url `data:text/html`", 'url: "data:text/html,<script>alert(1)</script>"\n', False),
    ("title_null", "`title: null` (no title)", "title: null\n", False),
    ("yaml_list", "metadata that is a list", "- title\n- x\n", False),
    ("yaml_python_tag", "a `!!python/object` tag", "title: !!python/object/apply:os.getcwd []\n", False),
    ("yaml_duplicate_keys", "the same key twice", "title: One\ntitle: Two\n", False),
    ("yaml_unknown_key", "an unknown key", "titel: Typo\n", False),
    ("yaml_tab_indent", "YAML indented by a tab", "corrections:\n\t- {kind: date}\n", False),
    ("yaml_merge_key", "a YAML merge key `<<`", "base: &b {title: x}\n<<: *b\n", False),
]:  # fmt: skip
    metadata_generator(
        _name, _what, _yml, "any" if _name == "title_null" else "problem", quick=_quick
    )

for _name, _value, _quick in [
    ("pub_int", "20231108", True), ("pub_compact_str", '"20231108"', False),
    ("pub_week", "2023-W45-3", True), ("pub_datetime", "2023-11-08T10:00:00Z", False),
    ("pub_datetime_str", '"2023-11-08T10:00:00+02:00"', False),
    ("pub_feb_30", "2023-02-30", True), ("pub_year_1", "0001-01-01", False),
    ("pub_year_9999", "9999-12-31", True), ("pub_list", "[2023]", False),
    ("pub_bool", "true", False), ("pub_nan", ".nan", False), ("pub_empty", '""', False),
    ("pub_spaces", '"  2023-11-08  "', False), ("pub_words", '"8 Nov 2023"', False),
]:  # fmt: skip
    metadata_generator(_name, f"`published: {_value}`", f"published: {_value}\n", "any",
                       text=RELATIVE, quick=_quick)  # fmt: skip


@generator("metadata")
def yaml_utf16() -> Made:
    """a metadata file in UTF-16 with a BOM"""
    data = "title: Sixteen bits\n".encode("utf-16")
    return Made([seed(), File("a.yml", data, role="meta", seed="a.txt", marker="Sixteen")], "any")


def billion_laughs_yml() -> str:
    """Ten levels of ten aliases each: 10**10 strings once expanded."""
    levels = [
        "  - {kind: date, text: nothing0, note: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]}"
    ]
    for i in range(1, 10):
        refs = ", ".join([f"*l{i - 1}"] * 10)
        levels.append(f"  - {{kind: date, text: nothing{i}, note: &l{i} [{refs}]}}")
    levels.append('  - {kind: date, text: "3 May 2023", value: *l9}')
    return "corrections:\n" + "\n".join(levels) + "\n"  # fmt: skip


metadata_generator("billion_laughs", "a billion-laughs alias bomb in `corrections`",
                   billion_laughs_yml(), quick=True, alone=True)  # fmt: skip
metadata_generator("deep_list", "corrections value nested 5,000 lists deep",
                   correction(**DATE, value="[" * 5000 + "]" * 5000), quick=True)  # fmt: skip
metadata_generator("deep_mapping", "corrections note nested 5,000 mappings deep",
                   correction(**DATE, note="{a: " * 5000 + "1" + "}" * 5000))  # fmt: skip
metadata_generator("huge_title", "a title of 1 MB", f"title: {'Rafah ' * 170_000}\n", "any",
                   alone=True)  # fmt: skip
metadata_generator("title_2k", "a title of 1,997 characters (a long one that is allowed)",
                   f"title: {'Rafah ' * 333}\n", "any")  # fmt: skip
metadata_generator("huge_correction_text", "a correction text of 1 MB",
                   correction(kind="date", text="x" * 1_000_000))  # fmt: skip
metadata_generator("many_corrections", "20,000 corrections that match nothing",
                   "corrections:\n" + "".join(f"  - {{kind: date, text: n{i}}}\n" for i in range(20_000)),
                   alone=True)  # fmt: skip


# ---------------------------------------------------------------------------------------
# Sizes and encodings.


@generator("sizes", alone=True)
def ones_30kb() -> Made:
    """`1, 1, 1, …` for 30 kB"""
    return Made([seed(text=" date 2023-05-04 " + "1, " * 10_240)], "any")


@generator("sizes", alone=True)
def numbers_line_16k() -> Made:
    """one line of 16,000 characters of numbers"""
    numbers, i = [], 0
    while sum(len(n) + 1 for n in numbers) < 16_000:
        numbers.append(f"{1000 + i * 37:,}")
        i += 1
    return Made([seed(text=" date 2023-05-04 " + " ".join(numbers))], "any")


@generator("sizes", alone=True)
def dates_20000() -> Made:
    """20,000 dates in one sentence"""
    days = ", ".join(
        f"{1 + i % 28} {MONTHS[i // 28 % 12]} {1900 + i // 336}" for i in range(20_000)
    )
    return Made([seed(text=f" date 2023-05-04 On {days} troops entered Rafah.")], "any")


@generator("sizes", alone=True)
def seed_940kb() -> Made:
    """a seed of 940 kB of dated sentences"""
    parts, size, i = [], 0, 0
    while size < 940_000:
        parts.append(sentence(i) + (" " if i % 5 else "\n"))
        size += len(parts[-1])
        i += 1
    return Made([seed(text=" date 2024-12-31 " + "".join(parts)[: 940_000 - 17])], "any")


@generator("sizes", quick=True)
def over_limit() -> Made:
    """a seed of 1,000,001 bytes, just over the limit"""
    text = (" date 2023-05-04 " + BASE + "\n") * (1_000_001 // (len(BASE) + 18) + 1)
    return Made([File("a.txt", text.encode()[:1_000_001])], "error")


@generator("sizes", quick=True)
def empty() -> Made:
    """an empty seed"""
    return Made([File("a.txt", b"")], "error")


@generator("sizes")
def whitespace_only() -> Made:
    """a seed of whitespace only"""
    return Made([File("a.txt", b" \n\t\r\n \x0b\x0c \xc2\xa0\n")], "error")


@generator("sizes")
def marker_only() -> Made:
    """a date marker and nothing after it"""
    return Made([File("a.txt", b" date 2023-05-04 \n")], "error")


@generator("sizes", quick=True)
def binary() -> Made:
    """a binary file (mostly NUL bytes)"""
    noise = bytes((i * 7919) % 256 if i % 3 == 0 else 0 for i in range(8192))
    return Made([File("a.txt", b"\x89PNG\r\n\x1a\n" + noise)], "error")


@generator("sizes")
def binary_without_nul() -> Made:
    """binary bytes without a NUL"""
    return Made([File("a.txt", bytes(128 + (i * 31) % 128 for i in range(8192)))], "any")


@generator("sizes")
def punctuation_only() -> Made:
    """punctuation only, no words"""
    return Made([File("a.txt", b"... !!! ??? --- ;;; (((\n")], "any")


@generator("sizes")
def encodings() -> Made:
    """UTF-16 with a BOM, Windows-1252, CR line ends"""
    text = {name: seed(name).data.decode() for name in ("a.txt", "b.txt", "c.txt")}
    return Made([File("a.txt", text["a.txt"].encode("utf-16")),
                 File("b.txt", (text["b.txt"] + " Caf\u00e9 \u2019s").encode("cp1252")),
                 File("c.txt", text["c.txt"].replace(". ", ".\r").encode())], "any")  # fmt: skip


# ---------------------------------------------------------------------------------------
# `chronicle extract --jsonl`: each hostile line is followed by a valid one.


def jsonl(record: object) -> bytes:
    return json.dumps(record).encode()


GOOD_LINE = {"text": BASE, "published": "2023-05-04"}
JSONL_CASES: list[tuple[str, str, bytes, bool]] = [
    # name, what, the line, quick
    ("nested_100k", "100,000 nested `[`", b"[" * 100_000, True),
    ("nested_100k_closed", "100,000 nested lists, closed", b"[" * 100_000 + b"]" * 100_000, False),
    ("published_int", "`published: 20231108`", jsonl({**GOOD_LINE, "published": 20231108}), False),
    ("published_compact", '`published: "20231108"`', jsonl({**GOOD_LINE, "published": "20231108"}), True),
    ("published_week", '`published: "2023-W45-3"`', jsonl({**GOOD_LINE, "published": "2023-W45-3"}), True),
    ("published_feb_30", '`published: "2023-02-30"`', jsonl({**GOOD_LINE, "published": "2023-02-30"}), False),
    ("published_9999", '`published: "9999-12-31"`, "next week"',
     jsonl({"text": "Talks resume next week, on Monday.", "published": "9999-12-31"}), False),
    ("published_datetime", '`published: "2023-11-08T10:00"`', jsonl({**GOOD_LINE, "published": "2023-11-08T10:00"}), False),
    ("published_nan", "`published: NaN`", b'{"text": "x", "published": NaN}', False),
    ("non_object_list", "a list, not an object", b"[1, 2]", True),
    ("non_object_string", "a string", b'"text"', False),
    ("non_object_number", "a number", b"42", False),
    ("non_object_null", "null", b"null", False),
    ("missing_text", "no `text`", b'{"id": "x"}', False),
    ("text_number", "`text: 5`", b'{"text": 5}', False),
    ("text_surrogate", "a lone surrogate in the text", b'{"text": "\\ud800 On 3 May 2023 troops entered Rafah."}', True),
    ("id_object", "`id` an object", jsonl({**GOOD_LINE, "id": {"a": [1]}}), False),
    ("invalid_json", "not JSON", b'{"text": ', False),
    ("bom", "a byte-order mark before the object", b"\xef\xbb\xbf" + jsonl(GOOD_LINE), False),
    ("not_utf8", "bytes that are not UTF-8", b'{"text": "caf\xe9"}', False),
]  # fmt: skip


# ---------------------------------------------------------------------------------------
# Running a build.


@dataclass
class Page:
    slug: str
    text: str
    site: bool


@dataclass
class Run:
    """One ``chronicle`` process: its exit, its report, and how long it took."""

    returncode: int | None
    stdout: bytes
    stderr: str
    seconds: float
    hung: bool

    @property
    def traceback(self) -> str:
        """The last lines of the last traceback, or ""."""
        start = self.stderr.rfind("Traceback (most recent call last)")
        if start < 0:
            return ""
        lines = [line for line in self.stderr[start:].splitlines() if line.strip()]
        ours = [i for i, line in enumerate(lines) if "/generator/" in line and "File " in line]
        if ours and ours[-1] < len(lines) - 4:  # say where in the generator, too
            return "\n".join([*lines[ours[-1] : ours[-1] + 2], "  ...", *lines[-3:]])
        return "\n".join(lines[-4:])

    @property
    def crashed(self) -> bool:
        return not self.hung and (bool(self.traceback) or self.returncode not in (0, 1, 2))


@dataclass
class Build:
    generators: list[Generator]
    run: Run
    pages: dict[str, Page]
    """Seed path under the seeds folder → its article page."""
    problems: list[str]
    untestable: set[str]
    failure: str = ""
    """Why the whole build failed, or ""."""
    detail: str = ""
    unsafe: list[tuple[str, str]] = field(default_factory=list)
    """(generator, what was found) in the site."""


def _limit(memory: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply


def run_chronicle(args: list[str], cache: Path, timeout: float, memory: int) -> Run:
    """Run ``python -m generator ARGS`` in the repository; kill its process group on timeout."""
    env = {**os.environ, "CHRONICLE_CACHE": str(cache), "PYTHONHASHSEED": "random"}
    clock = time.perf_counter()
    process = subprocess.Popen([PYTHON, "-m", "generator", *args], cwd=ROOT, env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=_limit(memory))  # fmt: skip
    hung = False
    try:
        out, err = process.communicate(b"", timeout=timeout)
    except subprocess.TimeoutExpired:
        hung = True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
    seconds = time.perf_counter() - clock
    return Run(process.returncode, out, err.decode("utf-8", "surrogateescape"), seconds, hung)


def _open_dir(parent_fd: int, name: bytes) -> int:
    return os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=parent_fd)


def make_file(base: Path, file: File, outside: Path) -> bool:
    """Make ``file`` under ``base`` (by folder descriptors, so that paths over PATH_MAX can be
    made); returns False if its mode does not stop this user reading it (root)."""
    path = os.fsencode(file.path)
    parts = path.split(b"/")
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in parts[:-1]:
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, dir_fd=fd)
            fd, old = _open_dir(fd, part), fd
            os.close(old)
        name = parts[-1]
        if file.kind == "file":
            handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644, dir_fd=fd)
            with os.fdopen(handle, "wb") as out:
                out.write(file.data)
        elif file.kind == "link":
            os.symlink(file.target.replace("{outside}", str(outside)), name, dir_fd=fd)
        elif file.kind == "fifo":
            os.mkfifo(name, dir_fd=fd)
        elif file.kind == "folder":
            with contextlib.suppress(FileExistsError):
                os.mkdir(name, dir_fd=fd)
        if file.mode is None:
            return True
        os.chmod(name, file.mode, dir_fd=fd)
        try:  # does the mode stop us? (it does not stop root)
            if file.kind == "folder":
                os.close(_open_dir(fd, name))
            else:
                os.close(os.open(name, os.O_RDONLY | os.O_NONBLOCK, dir_fd=fd))
        except PermissionError:
            return True
        return False
    finally:
        os.close(fd)


def relative(folder: str, path: str | bytes) -> str:
    return f"{folder}/{os.fsdecode(path)}"


def report_lines(stderr: str) -> list[str]:
    """The ``error:`` and ``warning:`` entries of a report (a name with a newline in it
    keeps its entry whole)."""
    end = stderr.rfind("\narticles: ")
    head = stderr[: end if end >= 0 else len(stderr)]
    parts = re.split(r"\n(?=error: |warning: |mkdocs [A-Z]+: |Building the site|Traceback )", head)
    return [p for p in parts if p.startswith(("error: ", "warning: "))]


def name_forms(name: str) -> set[str]:
    """How a report may write a path: as is, escaped, or with bad bytes replaced."""
    raw = name.encode("utf-8", "surrogateescape")
    return {
        name,
        repr(name)[1:-1],
        name.encode("utf-8", "backslashreplace").decode("utf-8"),
        raw.decode("utf-8", "replace"),
        raw.decode("cp1252", "replace"),
    }


def naming(problems: list[str], name: str) -> list[str]:
    forms = name_forms(name)
    return [p for p in problems if any(form in p for form in forms)]


def read_pages(content: Path, site: Path) -> tuple[dict[str, Page], list[str]]:
    """Article pages by their seed's path under the seeds folder; pages that do not read."""
    pages, bad = {}, []
    for path in sorted((content / "articles").glob("*.md")):
        text = path.read_text("utf-8", "surrogateescape")
        end = text.find("\n---\n", 4)
        try:
            data = yaml.load(text[4:end], Loader=LOADER) if text.startswith("---\n") else None
        except yaml.YAMLError as error:
            bad.append(f"{path.name}: front matter does not parse: {error}")
            continue
        if not isinstance(data, dict) or "source" not in data:
            bad.append(f"{path.name}: no front matter with a source")
            continue
        source = str(data["source"]).partition("/")[2]
        slug = str(data.get("slug"))
        pages[source] = Page(slug, text, (site / "articles" / slug / "index.html").is_file())
    return pages, bad


def invalid_outputs(site: Path) -> list[str]:
    """Feeds and data files of the site that do not parse."""
    bad = []
    for path in sorted(site.rglob("*")):
        try:
            if path.suffix == ".xml":
                ET.parse(path)
            elif path.suffix in (".json", ".geojson"):
                json.loads(path.read_text("utf-8"))
            elif path.suffix == ".csv":
                list(csv.reader(io.StringIO(path.read_text("utf-8"))))
        except (ET.ParseError, ValueError, csv.Error) as error:
            bad.append(f"{path.relative_to(site)}: {error}")
    return bad


def scan_site(site: Path, forbidden: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(generator, what) for each forbidden pattern found in a file of the site."""
    found: dict[tuple[str, str], str] = {}
    if not forbidden or not site.is_dir():
        return []
    compiled = [(name, suffix, re.compile(regex)) for name, suffix, regex in forbidden]
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".xml", ".json", ".csv", ".geojson", ".txt"):
            continue
        text = path.read_text("utf-8", "replace")
        for name, suffix, pattern in compiled:
            if (name, pattern.pattern) in found or (suffix and path.suffix != suffix):
                continue
            match = pattern.search(text)
            if match:
                where = f"{path.relative_to(site)} holds {match.group(0)[:80]!r}"
                found[(name, pattern.pattern)] = where
    return [(name, where) for (name, _), where in found.items()]


def not_regular(folder: str, names: list[str]) -> list[str]:
    """The FIFOs among ``names`` (copying one would block)."""
    return [n for n in names if stat.S_ISFIFO(os.lstat(os.path.join(folder, n)).st_mode)]


def tree(root: Path, skip: set[str]) -> set[str]:
    """The paths under ``root``, except the folders ``skip`` and what MkDocs' swap leaves."""
    paths = set()
    for folder, dirs, files in os.walk(root):
        if folder == str(root):
            dirs[:] = [d for d in dirs if d not in skip and not d.startswith(".site")]
        paths.update(os.path.join(folder, name) for name in dirs + files)
    return paths


@dataclass
class Bench:
    """Where builds happen, and their limits."""

    workdir: Path
    gazetteer: Path
    timeout: float
    memory: int
    keep: Path | None = None
    builds: int = 0
    log: Callable[[str], None] = field(default=functools.partial(print, flush=True))

    def cache(self, root: Path) -> Path:
        """A fresh cache holding only the gazetteer made once (loading it takes seconds)."""
        cache = root / "cache"
        cache.mkdir(parents=True, exist_ok=True)
        for pickle in self.gazetteer.glob("gazetteer-*.pickle"):
            shutil.copy2(pickle, cache / pickle.name)
        return cache

    def build(self, generators: list[Generator]) -> Build:
        self.builds += 1
        root = Path(tempfile.mkdtemp(prefix=f"build{self.builds:03d}-", dir=self.workdir))
        seeds, content, site = root / "seeds", root / "content", root / "site"
        seeds.mkdir()
        (seeds / "good.txt").write_text(GOOD, "utf-8")
        untestable, restore, forbidden = set(), [], []
        for gen in generators:
            made = making(gen)
            outside = root / "outside" / gen.name
            outside.mkdir(parents=True)
            (seeds / gen.name).mkdir()
            for file in made.files:
                base = outside if file.outside else seeds / gen.name
                if not make_file(base, file, outside):
                    untestable.add(relative(gen.name, file.path))
                if file.mode is not None:
                    restore.append(base / os.fsdecode(file.path))
            forbidden += [(gen.name, suffix, regex) for suffix, regex in made.forbidden]
        before = tree(root, {"content", "site", "cache"})
        cache = self.cache(root)
        args = ["build", "--seeds", str(seeds), "--content", str(content), "--site", str(site)]
        run = run_chronicle(args, cache, self.timeout, self.memory)
        for path in restore:
            with contextlib.suppress(OSError):
                path.chmod(0o755)
        pages, bad_pages = read_pages(content, site)
        build = Build(generators, run, pages, report_lines(run.stderr), untestable)
        build.unsafe = scan_site(site, forbidden)
        written = sorted(tree(root, {"content", "site", "cache"}) - before)
        bad_outputs = bad_pages + invalid_outputs(site) if site.is_dir() else bad_pages
        if run.hung:
            build.failure, build.detail = "hang", f"no exit after {self.timeout:.0f} s"
        elif run.crashed:
            build.failure = "crash"
            build.detail = run.traceback or f"exit code {run.returncode}\n{run.stderr[-400:]}"
        elif "mkdocs build failed" in run.stderr:
            build.failure = "site not built"
            build.detail = "\n".join(
                line for line in run.stderr.splitlines() if "mkdocs" in line.lower()
            )[-600:]
        elif not (pages.get("good.txt") and pages["good.txt"].site):
            build.failure, build.detail = "good seed lost", run.stderr[-600:]
        elif bad_outputs:
            build.failure, build.detail = "invalid output", "\n".join(bad_outputs[:5])
        elif written:
            build.failure = "wrote outside its folders"
            build.detail = "\n".join(os.path.relpath(p, root) for p in written[:5])
        if self.keep:
            (root / "stderr.txt").write_text(run.stderr, "utf-8", "surrogateescape")
            with contextlib.suppress(OSError, shutil.Error):
                shutil.copytree(root, self.keep / root.name, symlinks=True, dirs_exist_ok=True,
                                ignore=not_regular)  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)
        return build


# ---------------------------------------------------------------------------------------
# What happened to each generator's files.


@dataclass
class Outcome:
    generator: Generator
    made: Made
    build: Build
    statuses: list[tuple[str, str, str]] = field(default_factory=list)
    """(file path under the seeds folder, status, the report line naming it)."""

    @property
    def failure(self) -> str:
        return self.build.failure if len(self.build.generators) == 1 else ""

    def skipped(self) -> list[str]:
        return [path for path, status, _ in self.statuses if status == "silent skip"]

    def unexpected(self) -> str:
        """What differs from the generator's expectation, or ""."""
        if self.failure or not self.statuses:
            return ""
        kinds = {status for _, status, _ in self.statuses}
        lines = [line for _, _, line in self.statuses if line]
        testable = kinds - {"used"}
        if not testable or "not testable" in kinds:
            return ""
        expect = self.made.expect
        if expect == "page" and not testable <= {"page"}:
            return f"expected a page, got {', '.join(sorted(testable))}"
        if expect == "error" and not any(line.startswith("error: ") for line in lines):
            return f"expected an error, got {', '.join(sorted(testable))}"
        if expect == "warning" and not any(line.startswith("warning: ") for line in lines):
            return f"expected a warning, got {', '.join(sorted(testable))}"
        if expect == "problem" and not lines:
            return f"expected an error or a warning, got {', '.join(sorted(testable))}"
        return ""


def judge(gen: Generator, build: Build) -> Outcome:
    """Each input file of ``gen`` in ``build``: a page, used, an error or a warning naming it,
    not testable, or a silent skip."""
    made = making(gen)
    outcome = Outcome(gen, made, build)
    if build.failure and (build.run.hung or build.run.crashed):
        return outcome
    for file in made.files:
        if file.role == "other" or file.outside:
            continue
        path = relative(gen.name, file.path)
        lines = naming(build.problems, path)
        if file.role == "meta":
            seed_path = relative(gen.name, file.seed or Path(os.fsdecode(file.path)).stem + ".txt")
            base = os.fsdecode(file.path).rpartition("/")[2]
            lines += [p for p in naming(build.problems, seed_path) if base in p and p not in lines]
            page = build.pages.get(seed_path)
            used = page and page.site and (file.marker is None or file.marker in page.text)
        else:  # a line naming its metadata file, or a folder it is in, names it too
            stem = path.rpartition(".")[0] if "." in path.rpartition("/")[2] else path
            also = [stem + ".yml", stem + ".yaml"]
            parts = path.split("/")
            also += ["/".join(parts[:n]) + ":" for n in range(2, len(parts))]
            for name in also:
                lines += [p for p in naming(build.problems, name) if p not in lines]
            page = build.pages.get(path)
            used = page and page.site
        lines.sort(
            key=lambda line: min(line.find(f) for f in name_forms(path) | {line} if f in line)
        )
        errors = [line for line in lines if line.startswith("error: ")]
        line = (errors or lines or [""])[0]
        if any(path == u or path.startswith(u + "/") for u in build.untestable):
            status = "not testable"
        elif used:
            status = "page" if file.role == "seed" else "used"
        elif errors:
            status = "error"
        elif lines:
            status = "warning"
        else:
            status = "silent skip"
        outcome.statuses.append((path, status, line))
    return outcome


def run_generators(bench: Bench, generators: list[Generator]) -> tuple[list[Outcome], list[str]]:
    """Build ``generators`` together; split a failed build in halves until the generator
    that fails it is found. Returns every outcome, and the failures no single generator
    caused (interactions)."""
    build = bench.build(generators)
    names = ", ".join(g.name for g in generators)
    bench.log(f"  build {bench.builds}: {len(generators)} generators, "
              f"{build.run.seconds:.1f} s, exit {build.run.returncode}"
              f"{', ' + build.failure if build.failure else ''}"
              f"{'' if len(generators) > 3 else ' (' + names + ')'}")  # fmt: skip
    if build.failure and len(generators) > 1:
        half = len(generators) // 2
        first, lone_a = run_generators(bench, generators[:half])
        second, lone_b = run_generators(bench, generators[half:])
        outcomes = first + second
        lone = lone_a + lone_b
        if not any(o.failure for o in outcomes) and not lone:
            lone.append(f"{build.failure} only together: {names}\n{build.detail}")
        return outcomes, lone
    return [judge(gen, build) for gen in generators], []


def batches(generators: list[Generator], size: int) -> Iterator[list[Generator]]:
    shared = [g for g in generators if not g.alone]
    for start in range(0, len(shared), size):
        yield shared[start : start + size]
    for gen in generators:
        if gen.alone:
            yield [gen]


# ---------------------------------------------------------------------------------------
# `extract --jsonl`: hostile lines, and the time each seed's text takes.


def stream_jsonl(lines: list[bytes], cache: Path, timeout: float, memory: int
                 ) -> tuple[list[tuple[float, dict | None]], Run]:  # fmt: skip
    """Feed ``lines`` to ``extract --jsonl`` and timestamp each output line as it comes;
    stop when no line comes for ``timeout`` seconds."""
    env = {**os.environ, "CHRONICLE_CACHE": str(cache)}
    clock = time.perf_counter()
    process = subprocess.Popen([PYTHON, "-m", "generator", "extract", "--jsonl"], cwd=ROOT,
                               env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=_limit(memory))  # fmt: skip
    got: queue.Queue = queue.Queue()
    errors: list[bytes] = []

    def feed() -> None:
        try:
            for line in lines:
                process.stdin.write(line + b"\n")  # type: ignore[union-attr]
            process.stdin.close()  # type: ignore[union-attr]
        except (BrokenPipeError, ValueError, OSError):
            pass

    def read_out() -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            got.put((time.perf_counter(), record))
        got.put(None)

    threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=read_out, daemon=True),
               threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)]  # type: ignore[union-attr]  # fmt: skip
    for thread in threads:
        thread.start()
    outputs, hung = [], False
    while True:
        try:
            item = got.get(timeout=timeout)
        except queue.Empty:
            hung = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            break
        if item is None:
            break
        outputs.append(item)
    process.wait()
    threads[2].join(10)
    stderr = b"".join(errors).decode("utf-8", "surrogateescape")
    run = Run(process.returncode, b"", stderr, time.perf_counter() - clock, hung)
    return outputs, run


@dataclass
class Timed:
    generator: str
    path: str
    size: int
    seconds: float | None
    """None when the text crashed or hung ``extract --jsonl``."""
    problem: str = ""


def seed_text(data: bytes) -> str:
    """A seed's text roughly as the build reads it, for the timing pass."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", "surrogatepass")
    else:
        text = data.decode("utf-8", "replace")
    text = re.sub(r"^\s*date[ \t]+\S*\d\S*[ \t]*", "", text.replace("\x00", ""))
    return text.encode("utf-8", "replace").decode("utf-8")


def time_texts(bench: Bench, generators: list[Generator]) -> list[Timed]:
    """Every seed text's extraction time, one ``extract --jsonl`` process for all (restarted
    after a line that crashes or hangs it)."""
    texts: list[tuple[str, str, bytes]] = []
    for gen in generators:
        for file in making(gen).files:
            if file.kind == "file" and file.role == "seed" and 0 < len(file.data) <= 1_000_000:
                texts.append((gen.name, relative(gen.name, file.path), file.data))
    warm = jsonl({"id": "warm", **GOOD_LINE})
    timed: list[Timed] = []
    pending = list(range(len(texts)))
    while pending:
        lines = [warm] + [jsonl({"id": str(i), "text": seed_text(texts[i][2]), "published": "2023-05-10"})
                          for i in pending]  # fmt: skip
        outputs, run = stream_jsonl(lines, bench.gazetteer, bench.timeout, bench.memory)
        last, done = None, set()
        for stamp, record in outputs:
            key = str((record or {}).get("id"))
            if key != "warm" and key.isdigit() and last is not None:
                i = int(key)
                name, path, data = texts[i]
                timed.append(Timed(name, path, len(data), stamp - last))
                done.add(i)
            last = stamp
        rest = [i for i in pending if i not in done]
        if not rest:
            break
        stuck = rest[0]
        name, path, data = texts[stuck]
        why = (f"hang: no output after {bench.timeout:.0f} s" if run.hung
               else f"crash: {run.traceback or run.stderr[-300:] or f'exit {run.returncode}'}")  # fmt: skip
        timed.append(Timed(name, path, len(data), None, why))
        pending = rest[1:]
    return timed


@dataclass
class JsonlOutcome:
    name: str
    what: str
    failure: str = ""
    """crash, hang or silent skip."""
    detail: str = ""
    result: str = ""


def run_jsonl_cases(bench: Bench, cases: list[tuple[str, str, bytes, bool]]) -> list[JsonlOutcome]:
    """Each hostile line with a valid line after it: all in one process, then, if that
    fails, each case in a process of its own."""

    def lines_of(group: list[tuple[str, str, bytes, bool]]) -> list[bytes]:
        lines = [jsonl({"id": "first", **GOOD_LINE})]
        for name, _, line, _ in group:
            lines += [line, jsonl({"id": f"after-{name}", **GOOD_LINE})]
        return lines

    def judge_group(group, outputs, run) -> list[JsonlOutcome]:
        ids = [str((record or {}).get("id")) for _, record in outputs]
        results, previous = [], "first"
        for number, (name, what, _, _) in enumerate(group):
            line_no = 2 + 2 * number
            outcome = JsonlOutcome(name, what)
            said = [e for e in run.stderr.splitlines()
                    if e.startswith(f"error: stdin line {line_no}:")]  # fmt: skip
            after = f"after-{name}"
            if after not in ids:
                outcome.failure = ("hang" if run.hung else "crash" if run.crashed
                                   else "silent skip")  # fmt: skip
                outcome.detail = (run.traceback or run.stderr[-300:] or
                                  f"the valid line after it got no output (exit {run.returncode})")  # fmt: skip
            start = ids.index(previous) if previous in ids else None
            answered = start is not None and after in ids and ids.index(after) - start > 1
            if said:
                outcome.result = said[0].replace(f"stdin line {line_no}", "stdin line N")
            elif answered:
                outcome.result = "an output line"
            else:
                outcome.result = "no output line, no error line"
            results.append(outcome)
            previous = after
        return results

    outputs, run = stream_jsonl(lines_of(cases), bench.gazetteer, bench.timeout, bench.memory)
    together = judge_group(cases, outputs, run)
    if not run.crashed and not run.hung and not any(o.failure for o in together):
        return together
    results = []
    for case in cases:
        outputs, run = stream_jsonl(lines_of([case]), bench.gazetteer, bench.timeout, bench.memory)
        results += judge_group([case], outputs, run)
    return results


# ---------------------------------------------------------------------------------------
# The report.


def short_parts(text: str) -> str:
    """Long runs of a name (the 220-byte folders of a deep path) cut to their start."""
    return re.sub(r"((\w)\2{11})\2{28,}", lambda m: f"{m.group(1)}…", text)


def shorten(line: str, outcome: Outcome | None = None, width: int = 150) -> str:
    line = short_parts(re.sub(r"/\S*?/build\d{3}-[^/]+/", "", line))
    if outcome:
        line = line.replace(f"seeds/{outcome.generator.name}/", "")
    line = line.replace("\n", "\\n")
    return line if len(line) <= width else line[: width - 1] + "…"


def outcome_text(outcome: Outcome) -> str:
    """What happened to a generator's input, in a few words, for the table."""
    if outcome.failure in ("crash", "hang"):
        last = outcome.build.detail.strip().splitlines()[-1:] or [""]
        return f"**{outcome.failure.upper()}** ({shorten(last[0], outcome, 100)})"
    if outcome.failure:
        return f"**{outcome.failure}**"
    statuses = [status for _, status, _ in outcome.statuses]
    if "silent skip" in statuses:
        return "**silent skip**: no page, no error or warning"
    if "not testable" in statuses:
        return "not testable as root (chmod 000 does not stop root reading)"
    lines = [line for _, _, line in outcome.statuses if line]
    exit_code = 1 if any(line.startswith("error: ") for line in lines) else 0
    if len(outcome.build.generators) == 1:
        exit_code = outcome.build.run.returncode or 0
    built = "built" if {"page", "used"} & set(statuses) else "not built"
    said = "".join(f"; {line}" for line in dict.fromkeys(shorten(x, outcome) for x in lines))
    return f"exit {exit_code}, {built}{said}"


def table(outcomes: list[Outcome], jsonl_outcomes: list[JsonlOutcome]) -> list[str]:
    rows = ["| Input | What happens |", "| --- | --- |"]
    grouped: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        grouped.setdefault(outcome.generator.row, []).append(outcome)
    for row, members in grouped.items():
        if len(members) == 1:
            label, text = members[0].generator.doc, outcome_text(members[0])
        else:
            label = PAYLOADS[row][0] if row in PAYLOADS else row
            label += " in " + ", ".join(m.generator.name.rpartition("_in_")[2] for m in members)
            by_text: dict[str, list[str]] = {}
            for member in members:
                by_text.setdefault(outcome_text(member), []).append(
                    member.generator.name.rpartition("_in_")[2]
                )
            text = "; ".join(f"{', '.join(fields)}: {result}" if len(by_text) > 1 else result
                             for result, fields in by_text.items())  # fmt: skip
        rows.append(f"| {label.replace('|', '&#124;')} | {text.replace('|', '&#124;')} |")
    for outcome in jsonl_outcomes:
        text = (
            f"**{outcome.failure.upper()}** ({shorten(outcome.detail.splitlines()[-1] if outcome.detail else '')})"
            if outcome.failure
            else outcome.result
        )
        rows.append(f"| `extract --jsonl`: {outcome.what} | {text.replace('|', '&#124;')} |")
    return rows


def print_report(outcomes: list[Outcome], together: list[str], timed: list[Timed],
                 jsonl_outcomes: list[JsonlOutcome], inputs: int, seconds: float,
                 builds: int) -> int:  # fmt: skip
    crashes, hangs, skips, others, unexpected = [], [], [], [], []
    for o in outcomes:
        where = f"{o.generator.name} [{o.generator.family}]: {o.generator.doc}"
        detail = "\n      ".join(shorten(line, o, 200) for line in o.build.detail.splitlines())
        if o.failure == "crash":
            crashes.append(f"{where}\n      {detail}")
        elif o.failure == "hang":
            hangs.append(f"{where}\n      {detail}")
        elif o.failure:
            others.append(f"{where}: {o.failure}\n      {detail}")
        skips += [f"{where}\n      seeds/{short_parts(path)} ({len(path.encode())} bytes): "
                  "no page, and no error or warning names it"
                  for path in o.skipped()]  # fmt: skip
        if o.unexpected():
            unexpected.append(f"{o.generator.name}: {o.unexpected()}")
        others += [f"{o.generator.name}: unsafe output: {what}"
                   for name, what in o.build.unsafe if name == o.generator.name]  # fmt: skip
    others += together
    by_problem: dict[str, list[Timed]] = {}
    for t in timed:
        if t.seconds is None:
            by_problem.setdefault(t.problem, []).append(t)
    for problem, texts in by_problem.items():
        target = hangs if problem.startswith("hang") else crashes
        names = ", ".join(t.generator for t in texts[:6]) + (" …" if len(texts) > 6 else "")
        target.append(f"extract --jsonl on the text of {len(texts)} seeds ({names})\n      "
                      + problem.replace("\n", "\n      "))  # fmt: skip
    for j in jsonl_outcomes:
        entry = f"jsonl {j.name}: {j.what}\n      " + j.detail.replace("\n", "\n      ")
        {"crash": crashes, "hang": hangs, "silent skip": skips}.get(j.failure, []).append(entry)
    untestable = sorted({o.generator.name for o in outcomes
                         for _, status, _ in o.statuses if status == "not testable"})  # fmt: skip

    def section(title: str, items: list[str]) -> None:
        print(f"\n{title} ({len(items)})")
        for item in items:
            print(f"  - {item}")

    print(f"\ninputs tried: {inputs} files from {len(outcomes)} generators in {builds} builds, "
          f"and {len(jsonl_outcomes)} hostile JSON lines")  # fmt: skip
    section("crashes", crashes)
    section("hangs", hangs)
    section("silent skips", skips)
    section("other failures (not counted in the exit status)", others)
    section("not as the generator expects (not counted)", unexpected)
    if untestable:
        print(f"\nnot testable as root (chmod 000 does not stop root): {', '.join(untestable)}")
    per_kb = sorted((t for t in timed if t.seconds is not None and t.size >= 1000),
                    key=lambda t: t.seconds / (t.size / 1000), reverse=True)  # fmt: skip
    if per_kb:
        print("\nslowest seeds per kilobyte (extract --jsonl, seeds of 1 kB or more):")
        for t in per_kb[:5]:
            print(f"  {t.seconds / (t.size / 1000):8.4f} s/kB  {t.seconds:7.2f} s  "
                  f"{t.size / 1000:8.1f} kB  {t.generator}")  # fmt: skip
    hung = sorted({o.generator.name for o in outcomes if o.failure == "hang"})
    if hung:
        print(f"  (not timed: the builds of {', '.join(hung)} hung, slower than any above)")
    slowest = max(
        (t for t in timed if t.seconds is not None), key=lambda t: t.seconds, default=None
    )
    if slowest:
        print(
            f"slowest seed: {slowest.generator}, {slowest.seconds:.2f} s for {slowest.size:,} bytes"
        )
    print(f"\ntotal run time: {seconds / 60:.1f} min ({seconds:.0f} s)")
    return 1 if crashes or hangs or skips else 0


# ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="A subset of each family.")
    parser.add_argument("--table", action="store_true", help="Print README table rows.")
    parser.add_argument("--only", default="", help="Comma-separated generator names.")
    parser.add_argument("--family", default="", help=f"Some of {', '.join(FAMILIES)}.")
    parser.add_argument("--list", action="store_true", help="List the generators.")
    parser.add_argument("--show", default="", help="Print the files a generator makes.")
    parser.add_argument("--batch", type=int, default=40, help="Generators per shared build.")
    parser.add_argument("--timeout", type=float, default=120, help="Seconds per build.")
    parser.add_argument("--memory-mb", type=int, default=2048, help="Memory limit per build.")
    parser.add_argument("--no-timing", action="store_true", help="Skip the timing pass.")
    parser.add_argument("--keep", type=Path, help="Copy each build's folder here.")
    args = parser.parse_args()

    if args.list:
        for gen in GENERATORS:
            flags = " ".join(f for f, on in (("alone", gen.alone), ("quick", gen.quick)) if on)
            print(f"{gen.family:9} {gen.name:28} {gen.doc}  {flags}")
        for name, what, _, quick in JSONL_CASES:
            print(f"{'jsonl':9} {name:28} {what}  {'quick' if quick else ''}")
        return 0
    if args.show:
        gen = next(g for g in GENERATORS if g.name == args.show)
        made = making(gen)
        print(f"{gen.name}: {gen.doc} (expects {made.expect})")
        for file in made.files:
            content = file.data[:300] + (b"..." if len(file.data) > 300 else b"")
            print(f"  {file.kind} {file.path!r} {file.target} role={file.role} "
                  f"mode={file.mode} {len(file.data):,} bytes {content!r}")  # fmt: skip
        return 0

    chosen = GENERATORS
    families = set(filter(None, args.family.split(",")))
    only = set(filter(None, args.only.split(",")))
    if families:
        chosen = [g for g in chosen if g.family in families]
    if only:
        chosen = [g for g in chosen if g.name in only]
    if args.quick:
        chosen = [g for g in chosen if g.quick]
    cases = [c for c in JSONL_CASES if (not args.quick or c[3]) and (not only or c[0] in only)
             and (not families or "jsonl" in families)]  # fmt: skip

    clock = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="chronicle-hostile-"))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    bench = Bench(workdir, workdir / "gazetteer", args.timeout, args.memory_mb * 2**20, args.keep)
    try:
        print(f"warming the gazetteer in a private cache ({workdir})", flush=True)
        stream_jsonl([jsonl({"id": "warm", **GOOD_LINE})], bench.gazetteer, 600, bench.memory)
        outcomes, together = [], []
        print(f"building {len(chosen)} generators", flush=True)
        for group in batches(chosen, args.batch):
            found, lone = run_generators(bench, group)
            outcomes += found
            together += lone
        timed: list[Timed] = []
        hung = {o.generator.name for o in outcomes if o.failure == "hang"}
        if not args.no_timing:  # a text whose build hung would hang this too: not again
            print("timing every seed's text with extract --jsonl", flush=True)
            timed = time_texts(bench, [g for g in chosen if g.name not in hung])
        jsonl_outcomes = []
        if cases:
            print(f"extract --jsonl on {len(cases)} hostile lines", flush=True)
            jsonl_outcomes = run_jsonl_cases(bench, cases)
        inputs = sum(len(o.made.files) for o in outcomes)
        if args.table:
            print()
            print("\n".join(table(outcomes, jsonl_outcomes)))
        return print_report(outcomes, together, timed, jsonl_outcomes, inputs,
                            time.perf_counter() - clock, bench.builds)  # fmt: skip
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
