"""The page around an article: reader comments, captions, bylines and boilerplate are told
from the body, make no entry, and are shown folded on the article's page with their rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build

from generator.project import Project
from generator.text import parts
from generator.text.extract import extract_seed

RULES = Project(ROOT).resources().part_rules

PAGE = """\
By John Smith and Ann Lee WASHINGTON -- Talks resumed in Cairo on Tuesday, 13 May 2025.
Photograph: Jane Doe/Getty Images Troops entered Rafah on Monday, 12 May 2025, officials said.
Aid trucks waited at the crossing for a third day.
The Associated Press contributed to this report.
Content and Programming Copyright 2025 Example News Network, Inc.
At 10:14 am on 28 May 2025, pzero wrote: On 20 May 2025 at least 40 people were killed in Gaza.
I agree with the last comment.
At 11:02 am on 28 May 2025, someone_else wrote: Nonsense.
"""


def kinds(text: str) -> list[tuple[str, str]]:
    return [(p.kind, text[p.start : p.end]) for p in parts.segment(text, RULES)]


def test_a_page_is_told_from_its_body():
    found = kinds(PAGE)
    assert found[:2] == [("byline", "By John Smith and Ann Lee"), ("dateline", "WASHINGTON --")]
    assert ("caption", "Photograph: Jane Doe/Getty Images") in found
    assert ("byline", "The Associated Press contributed to this report.") in found
    assert found[-1][0] == "comments"
    assert found[-1][1].startswith("At 10:14 am on 28 May 2025, pzero wrote:")
    assert found[-1][1].endswith("someone_else wrote: Nonsense.")
    left = "".join(text for _, text in found)
    assert "Troops entered Rafah" not in left and "Aid trucks" not in left


def test_what_stands_above_the_dateline_is_the_page_not_the_story():
    text = (
        "Rig sinks, spill risk looms Fire boat crews battle the blaze on April 21, 2010.\n"
        "HOUSTON (Reuters) - The rig sank on Thursday, April 22, 2010.\n"
        "Coast Guard crews searched for 11 workers.\n"
    )
    found = kinds(text)
    assert found[0] == ("caption", text.split("\n")[0])
    assert found[1] == ("dateline", "HOUSTON (Reuters) -")
    assert len(found) == 2
    late = "Body.\n" * 7 + "HOUSTON (Reuters) - Late.\n"
    assert [k for k, _ in kinds(late)] == ["dateline"]


def test_a_thread_runs_until_a_line_closes_it():
    text = (
        "Oil reached the coast on Friday.\n"
        "Views expressed in the comments do not represent those of Reuters.\n"
        "They knew all along.\n"
        "This discussion is now closed.\n"
        "Shares in BP fell 5 percent on Monday.\n"
    )
    found = parts.segment(text, RULES)
    assert [(p.kind, text[p.start : p.end].split("\n")[0]) for p in found] == [
        ("comments", "Views expressed in the comments do not represent those of Reuters."),
        ("boilerplate", "This discussion is now closed."),
    ]
    assert "They knew all along." in text[found[0].start : found[0].end]
    assert found[0].rule.startswith("the notice that opens a comment section")


def test_parts_a_reader_gives_are_kept():
    text = "Troops entered Rafah on Monday.\nGreat article!\n"
    given = (parts.Part(32, 46, "comments", "the page's comment section"),)
    assert parts.segment(text, RULES, given) == [given[0]]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"kind": "comment", "pattern": "x", "why": "y"}, "kind 'comment' is not a kind"),
        ({"kind": "comments", "pattern": "(", "why": "y"}, "no usable pattern"),
        ({"kind": "comments", "pattern": "x"}, "a rule needs a why"),
        ({"kind": "caption", "pattern": "x", "why": "y", "prefix": True}, r"starts with \^"),
    ],
)
def test_a_bad_rule_is_named(entry: dict, message: str):
    with pytest.raises(ValueError, match=message):
        parts.Rules.from_data({"lines": [entry]}, "data/parts.yml")


def test_the_project_rules_load_and_every_rule_says_why():
    data = yaml.safe_load((ROOT / "data" / "parts.yml").read_text("utf-8"))
    loaded = parts.Rules.from_data(data)
    assert len(loaded.lines) >= 20 and loaded.opens and loaded.closes
    assert all(rule.why for rule in (*loaded.lines, *loaded.opens, *loaded.closes))


def test_comments_make_no_entry_and_are_shown_folded(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "page.txt").write_text(" date 2025-05-28 " + PAGE, "utf-8")
    done = build(tmp_path, seeds)
    assert done.result.returncode == 0, done.result.stderr
    assert (
        "lines left out of the chronology, by kind: boilerplate 1, byline 2, caption 1, comments 3, dateline 1"
        in done.result.stderr
    )
    data = done.content / "data" / "events" / "2025.json"
    events = json.loads(data.read_text("utf-8"))["events"]
    texts = " ".join(e["text"] for e in events)
    assert "Troops entered Rafah" in texts and "Talks resumed in Cairo" in texts
    assert "40 people were killed" not in json.dumps(events) and "pzero" not in json.dumps(events)
    assert not any(e["date"] == "2025-05-20" for e in events)
    [page] = (done.content / "articles").glob("*.md")
    markdown = page.read_text("utf-8")
    assert "**Not used for the chronology:**" in markdown
    assert "lines of reader comments" in markdown and "of photo captions and credits" in markdown
    assert "Filed from WASHINGTON, as its dateline says" in markdown
    html = (done.site / "articles" / page.stem / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    folds = soup.select("details.left-out")
    comments = next(d for d in folds if "reader comments" in d.summary.get_text())
    assert "pzero wrote:" in comments.get_text()
    assert "a comment header" in comments.summary.get_text()
    spans = {span.get_text(): span["title"] for span in soup.select("span.sentence.left-out")}
    assert spans["Photograph: Jane Doe/Getty Images"].startswith("photo captions and credits: ")
    byline = spans["By John Smith and Ann Lee"]
    assert (
        byline == 'bylines and credits: a byline before a dateline ("By Jane Smith WASHINGTON --")'
    )


def test_an_article_page_reads_back_with_its_parts(tmp_path: Path):
    """Pages are read back by the next build: the parts, the text at its offsets and the
    sentences survive the folds and the titles."""
    from generator.build.seeds import load
    from generator.chronology import happenings
    from generator.site import content
    from generator.site.render import environment

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "page.txt").write_text(" date 2025-05-28 " + PAGE, "utf-8")
    project = Project(ROOT)
    [seed] = load(seeds).seeds
    article = extract_seed(seed, project.resources())
    events = happenings.events_of(article, project.entry_words())
    page = tmp_path / "page.md"
    page.write_text(
        content.render_article(
            environment(project.templates), article, events, project.part_labels()
        ),
        "utf-8",
    )
    back = content.read_article(page)
    assert back.parts == article.parts and len(back.parts) >= 5
    assert back.dateline == article.dateline == "WASHINGTON"
    assert back.sentences == article.sentences
    for sentence in article.sentences:
        assert (
            back.text[sentence.start : sentence.end] == article.text[sentence.start : sentence.end]
        )


WRONG_CALL = """\
At 9:00 am on 1 May 2025, the minister wrote: talks resume in Cairo on Friday, 2 May 2025.
Troops left Rafah on Saturday, 3 May 2025.
"""


def test_an_editor_corrects_a_wrong_call_in_the_metadata(tmp_path: Path):
    """A body line that looks like a comment header would take the rest of the page with
    it; a correction in the seed's metadata says what it is, and survives rebuilds."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "page.txt").write_text(" date 2025-05-04 " + WRONG_CALL, "utf-8")
    first = build(tmp_path / "before", seeds)
    assert "comments 2" in first.result.stderr
    (seeds / "page.yml").write_text(
        "corrections:\n  - kind: part\n    text: the minister wrote\n    is: body\n", "utf-8"
    )
    for run in ("after", "after"):  # the second build reads the first's cache and pages
        done = build(tmp_path / run, seeds, cache=tmp_path / "cache")
        assert done.result.returncode == 0, done.result.stderr
        assert "left out of the chronology" not in done.result.stderr
        events = json.loads((done.content / "data/events/2025.json").read_text("utf-8"))
        # the first line is read again: its clause (dated by its first date) and the second
        assert {e["date"] for e in events["events"]} >= {"2025-05-01", "2025-05-03"}
    (seeds / "page.yml").write_text(
        "corrections:\n  - kind: part\n    text: the minister wrote\n    is: news\n", "utf-8"
    )
    refused = build(tmp_path / "refused", seeds)
    assert (
        "page.yml" in refused.result.stderr and "is: 'news' must be one of" in refused.result.stderr
    )


def test_a_live_blog_s_stamps_and_retweets_are_not_news():
    text = (
        "1547: Troops have entered the city centre, witnesses say.\n"
        "9:45 pm ET February 11, 2013 RETWEET Rebels say they hold the airport.\n"
        "10.02am GMT:\n"
        "The ministry says 12 people were killed.\n"
    )
    assert kinds(text) == [
        ("timestamp", "1547:"),
        ("embed", "9:45 pm ET February 11, 2013 RETWEET Rebels say they hold the airport."),
        ("timestamp", "10.02am GMT:"),
    ]


def test_a_timeline_s_years_are_not_time_stamps():
    text = "1988: Piper Alpha explodes, killing 167.\n2010: BP's well blows out.\n"
    assert kinds(text) == []


def test_what_stands_above_a_photo_credit_near_the_top_is_its_caption():
    text = (
        "Oil swirls through the currents in the Gulf of Mexico.\n"
        "AP Photo/Dave Martin According to estimates, 100 million gallons have leaked.\n"
        "The Coast Guard said on Monday that crews recovered oil.\n"
    )
    assert kinds(text) == [
        ("caption", "Oil swirls through the currents in the Gulf of Mexico."),
        ("caption", "AP Photo/Dave Martin"),
    ]


def test_each_live_update_is_reported_on_the_page_s_date(tmp_path: Path):
    """A live blog's update opens after its time stamp: what it reports without a date of
    its own is an entry on the page's date, as an article's first sentence is."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "live.txt").write_text(
        " date 2025-06-02 Live: strikes continue in the south.\n"
        "1547: Troops have entered the city centre, witnesses say.\n"
        "Residents described scenes of chaos.\n"
        "1602: The ministry says the hospital has lost power.\n",
        "utf-8",
    )
    done = build(tmp_path, seeds)
    assert done.result.returncode == 0, done.result.stderr
    events = json.loads((done.content / "data/events/2025.json").read_text("utf-8"))["events"]
    reported = {e["text"] for e in events if e["date"] == "2025-06-02" and e["reported_only"]}
    assert any(t.startswith("Troops have entered the city centre") for t in reported)
    assert any(t.startswith("The ministry says the hospital has lost power") for t in reported)
    assert not any("Residents described" in t for t in reported)
    assert not any("1547" in e["text"] for e in events)


def test_a_mistake_in_the_rules_is_one_line_naming_the_file(tmp_path: Path):
    """An editor's rule with a kind that does not exist stops check and build with one
    line naming data/parts.yml and the rule, before anything is written."""
    import shutil

    from conftest import chronicle

    project = tmp_path / "project"
    for name in ("data", "templates", "seeds"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    rules = project / "data" / "parts.yml"
    rules.write_text(
        rules.read_text("utf-8").replace("- kind: byline", "- kind: by-line", 1), "utf-8"
    )
    for command in ("check", "build"):
        done = chronicle(command, cwd=project, cache=tmp_path / "cache")
        assert done.returncode == 2, done.stderr
        [line] = [line for line in done.stderr.splitlines() if line.startswith("error:")]
        assert line.startswith("error: data/parts.yml: lines[")
        assert "kind 'by-line' is not a kind of part" in line
        assert "Traceback" not in done.stderr
    assert not (project / "site").exists()


def test_a_title_run_into_the_story_is_the_lead_s_not_the_story():
    """A page that lost its line breaks runs its title, standfirst and a picture's caption
    into the story's first line; its time stamp tells where the story starts."""
    text = (
        "BP thrown off ethical index Oil firm excluded over its response to the spill "
        "Friday 10 September 2010 18.59 BST The rig burning in the Gulf of Mexico.\n"
        "Photograph: Gerald Herbert/AP Campaign groups lobbied for BP to be taken off the "
        "index on Thursday.\n"
    )
    found = kinds(text)
    assert found[:4] == [
        ("caption", "BP thrown off ethical index Oil firm excluded over its response to the spill"),
        ("timestamp", "Friday 10 September 2010 18.59 BST"),
        ("caption", "The rig burning in the Gulf of Mexico."),
        ("caption", "Photograph: Gerald Herbert/AP"),
    ]
    assert not any("Campaign groups" in words for _, words in found)  # the body
    wire = (
        "Flu hygiene hard in slums CIUDAD NEZAHUALCOYOTL, Mexico | Thu May 7, 2009 4:26 pm "
        "EDT CIUDAD NEZAHUALCOYOTL, Mexico (Reuters) - The water is not enough.\n"
    )
    assert kinds(wire) == [
        ("caption", "Flu hygiene hard in slums"),
        ("dateline", "CIUDAD NEZAHUALCOYOTL, Mexico | Thu May 7, 2009 4:26 pm EDT"),
        ("dateline", "CIUDAD NEZAHUALCOYOTL, Mexico (Reuters) -"),
    ]
