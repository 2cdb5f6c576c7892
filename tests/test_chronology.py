"""Entries from articles: clauses, happenings mentioned in passing, actors, merging."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from generator.chronology import happenings, status, unmade
from generator.model import Article, Metadata, Seed
from generator.project import Project, find_root
from generator.text import clauses
from generator.text.extract import extract_seed


@pytest.fixture(scope="module")
def project() -> Project:
    return Project(find_root())


@pytest.fixture(scope="module")
def resources(project):
    return project.resources()


@pytest.fixture(scope="module")
def vocabulary(project) -> happenings.EntryWords:
    return project.entry_words()


def article(text: str, published: str | None, resources, name: str = "a") -> Article:
    seed = Seed(
        id=name, path=f"seeds/{name}.txt", text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(), marker_date=published,
        metadata=Metadata(title=f"Article {name}"),
    )  # fmt: skip
    return extract_seed(seed, resources)


def entries(text: str, published: str | None, resources, vocabulary) -> list[tuple]:
    return [
        (e.date, e.precision, e.reported_only, e.background, e.text)
        for e in happenings.events_of(article(text, published, resources), vocabulary)
    ]


def test_happening_in_passing_is_an_entry_of_its_own_date(resources, vocabulary) -> None:
    text = "Israel kept up its strikes. This toll marks one of the highest since Hamas’ Oct. 7, 2023 incursion on Israel."
    assert entries(text, "2025-03-20", resources, vocabulary) == [
        ("2025-03-20", "day", True, False, "Israel kept up its strikes."),
        ("2023-10-07", "day", False, True, "…Hamas’ Oct. 7, 2023 incursion on Israel"),
    ]


def test_the_sentence_around_a_passing_mention_is_not_dated_by_it(resources, vocabulary) -> None:
    text = (
        "Rockets hit Ashkelon. "
        "At least 67 people have been killed in Gaza since violence escalated on Monday, "
        "according to the enclave’s health ministry."
    )
    found = happenings.events_of(article(text, "2021-05-13", resources), vocabulary)
    passing = next(e for e in found if e.background)
    reported = next(e for e in found if e.reported_only and e.figures)
    assert (passing.date, passing.text, passing.figures) == (
        "2021-05-10", "…violence escalated on Monday…", [])  # fmt: skip
    assert reported.date == "2021-05-13"
    assert [f.text for f in reported.figures] == ["At least 67"]
    assert reported.actors == ["Gaza Health Ministry"]


@pytest.mark.parametrize(
    ("sentence", "date", "phrase"),
    [
        ("Hamas has retaliated to Wednesday’s attack from Israel, launching rockets.",
         "Wednesday", "Wednesday’s attack from Israel"),
        ("Kibbutz communities that suffered most from the October 7 attacks were evacuated.",
         "October 7", "the October 7 attacks"),
        ("The truce that began on Jan. 19 had been marred by stalled talks.",
         "Jan. 19", "The truce that began on Jan. 19"),
        ("It would recall incursions during Israel-Gaza wars in 2014 and 2008-2009.",
         "2014", "Israel-Gaza wars in 2014 and 2008-2009"),
        ("The heaviest assault since the ceasefire collapsed last month.",
         "last month", "the ceasefire collapsed last month"),
        # a year as an adjective of what a verb or preposition names
        ("A BP report into the 2005 Texas City disaster, when a blast killed 15, concluded it.",
         "2005", "the 2005 Texas City disaster"),
        ("He missed a ball against the Mets in the 1986 World Series, costing the game.",
         "1986", "the 1986 World Series"),
        ("Obama should consider repealing the 2001-03 tax cuts for the wealthiest.",
         "2001-03", "the 2001-03 tax cuts"),
        ("BP has faced anger over the accident on 20 April when the rig blew up.",
         "20 April", "the accident on 20 April"),
    ],
)  # fmt: skip
def test_phrases_of_happenings_in_passing(vocabulary, sentence, date, phrase) -> None:
    start = sentence.index(date)
    coarse = date[:4].isdigit()
    span = vocabulary.words.background(sentence, start, start + len(date), coarse=coarse)
    assert span is not None
    assert sentence[span[0] : span[1]] == phrase


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("Hamas said that Israel had doubled the number of air strikes on Friday night.",
         "Friday night"),
        ("On Wednesday, Israeli forces killed a senior Hamas commander.", "Wednesday"),
        ("Israel's military escalated operations on Thursday, after reporting interceptions.",
         "Thursday"),
        ("Deaths have risen since Monday.", "Monday"),
        ("BP earned $5bn in the 2009 fiscal year.", "2009"),  # a period dates the clause
        ("Its 2009 profits fell by half, the company said.", "2009"),  # the subject's year
        ("The attack on Monday left five people hurt.", "Monday"),  # the subject's day
        ("The opera is set in a 17th-century playhouse.", "17th-century"),  # describes
        ("The country needs a 21st-century FDR.", "21st-century"),
    ],
)  # fmt: skip
def test_the_news_of_the_sentence_is_not_in_passing(vocabulary, sentence, date) -> None:
    start = sentence.index(date)
    coarse = date[:4].isdigit() or "century" in date
    assert vocabulary.words.background(sentence, start, start + len(date), coarse=coarse) is None


def test_long_sentence_is_cut_to_the_clause_of_its_date() -> None:
    sentence = (
        "A dense cloud of smoke from the bombing of the Gaza Strip invades the Israeli border "
        "city of Ashkelon on the night of October 27, 2023 as battles continue in the north "
        "and the south; aid agencies said that no fuel had reached hospitals for a week, "
        "while Israeli officials said on Thursday that the crossing would stay closed."
    )
    start = sentence.index("Thursday")
    span = clauses.clause(sentence, [(start, start + 8)])
    assert clauses.quote(sentence, span) == (
        "…Israeli officials said on Thursday that the crossing would stay closed."
    )
    start = sentence.index("October 27")
    span = clauses.clause(sentence, [(start, start + 10)])
    assert clauses.quote(sentence, span).endswith("as battles continue in the north and the south…")


def test_a_quotation_is_never_cut() -> None:
    sentence = (
        "“My expectation and hope is this will be closing down sooner than later, but Israel "
        "has a right to defend itself and will go on doing so,” Biden said on Wednesday, "
        "after speaking to Prime Minister Benjamin Netanyahu and to leaders of the region."
    )
    start = sentence.index("Wednesday")
    span = clauses.clause(sentence, [(start, start + 9)])
    assert sentence[span[0] : span[1]].startswith("“My expectation")


def test_short_sentence_is_kept_whole() -> None:
    sentence = "On Wednesday, Israeli forces killed a commander, while rockets hit Sderot."
    assert clauses.clause(sentence, [(3, 12)]) == (0, len(sentence))


def test_actors(vocabulary) -> None:
    find = vocabulary.actors.find
    assert find("The IDF said Hamas fighters fired at Israeli troops.") == [
        "Israeli military", "Hamas"]  # fmt: skip
    assert find("Gaza's Hamas-run health ministry said so.") == ["Gaza Health Ministry"]
    assert find("the hamas word in lower case") == []
    text = "Israel struck Rafah."
    assert find(text, [(0, 6)]) == []  # "Israel" is the place there


def test_reports_of_one_happening_merge_with_each_version(resources, vocabulary) -> None:
    one = article(
        "Israel has been building up since Hamas fighters stormed across the border on October 7.",
        "2023-10-27", resources, "one",
    )  # fmt: skip
    two = article(
        "This toll is one of the highest since Hamas’ Oct. 7, 2023 incursion on Israel. "
        "The war, which began with Hamas’ Oct. 7, 2023, incursion on Israel, goes on.",
        "2025-03-20", resources, "two",
    )  # fmt: skip
    events = happenings.build([one, two], vocabulary)
    attack = [e for e in events if e.date == "2023-10-07"]
    assert len(attack) == 1
    entry = attack[0]
    assert [(c.article, c.sentence) for c in entry.citations] == [
        ("article-one", "s1"), ("article-two", "s1"), ("article-two", "s2")]  # fmt: skip
    assert [r.text for r in entry.versions] == [
        "…Hamas fighters stormed across the border on October 7",
        "…Hamas’ Oct. 7, 2023 incursion on Israel",
        "…Hamas’ Oct. 7, 2023, incursion on Israel…",
    ]
    assert entry.actors == ["Hamas"]
    assert set(entry.anchors) == {
        r.id
        for r in happenings.events_of(one, vocabulary) + happenings.events_of(two, vocabulary)
        if r.date == "2023-10-07"
    }


def test_different_happenings_of_one_day_stay_apart(resources, vocabulary) -> None:
    one = article("Israeli strikes killed 20 people in Rafah on Monday.", "2024-05-07",
                  resources, "one")  # fmt: skip
    two = article("Israeli strikes killed 30 people in Beirut on Monday.", "2024-05-07",
                  resources, "two")  # fmt: skip
    three = article("Hezbollah fighters held a parade in Beirut on Monday.", "2024-05-07",
                    resources, "three")  # fmt: skip
    events = [e for e in happenings.build([one, two, three], vocabulary) if not e.reported_only]
    assert [len(e.citations) for e in events] == [1, 1, 1]


def test_one_articles_own_news_of_a_day_is_not_merged(resources, vocabulary) -> None:
    text = (
        "Israel was preparing ground troops along the Gaza border on Thursday. "
        "By dawn on Thursday, Israel had renewed its air strikes on Gaza City."
    )
    events = happenings.build([article(text, "2021-05-13", resources)], vocabulary)
    assert [len(e.citations) for e in events] == [1, 1]


def test_neighbours_run_in_chronology_order(resources, vocabulary) -> None:
    text = "Rockets were fired on Monday. Talks began on Tuesday. Troops moved on Wednesday."
    events = happenings.build([article(text, "2024-05-09", resources)], vocabulary)
    around = happenings.neighbours(events)
    assert [e.date for e in events] == ["2024-05-06", "2024-05-07", "2024-05-08"]
    assert around[events[0].id] == (None, events[1])
    assert around[events[1].id] == (events[0], events[2])
    assert around[events[2].id] == (events[1], None)


def test_no_date_comes_from_the_clock(project, tmp_path) -> None:
    """The content built on two far-apart days of the machine's clock is byte-identical."""
    from freezegun import freeze_time

    from generator.build import pipeline

    outputs = []
    for day in ("2001-02-03", "2039-11-12"):
        folder = tmp_path / day
        with freeze_time(day):
            report = pipeline.extract(project, project.root / "seeds", folder)
            pipeline.assemble_content(project, folder, report)
        outputs.append({p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.md")})
        outputs[-1].update({p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.json")})
    assert len(outputs[0]) > 10
    assert outputs[0] == outputs[1]
    text = b"".join(outputs[0].values())
    assert b"2001-02-03" not in text and b"2039-11-12" not in text


def test_emptied_word_lists_turn_the_rules_off() -> None:
    words = clauses.Words.from_data({})
    sentence = "Hamas has retaliated to Wednesday’s attack since violence escalated on Monday."
    for date in ("Wednesday", "Monday"):
        start = sentence.index(date)
        assert words.background(sentence, start, start + len(date), coarse=False) is None
    assert words.kinds(sentence) == frozenset()


def test_no_actor_names_find_no_actors() -> None:
    from generator.text.actors import Actors

    assert Actors.from_data({}).find("Hamas said the IDF struck.") == []


BULLETS = (
    "BP sets up spill fund\n"
    "* BP agrees to set aside $20bn for spill victims on Wednesday\n"
    "* Obama meets BP chiefs at the White House\n"
    "* Louisiana shrimpers protest in New Orleans on Tuesday\n"
    "WASHINGTON (Reuters) - BP agreed on Wednesday to set aside $20bn for the victims of "
    "the oil spill, after its chairman met President Barack Obama at the White House.\n"
    "Gulf fishermen gave the fund a cautious welcome on Thursday.\n"
)


def test_a_bullet_is_merged_with_the_body_sentence_it_sums_up(resources, vocabulary) -> None:
    report = article(BULLETS, "2010-06-17", resources)
    assert [p.kind for p in report.parts][:3] == ["caption", "headline", "dateline"]
    events = happenings.build([report], vocabulary)
    [fund] = [e for e in events if e.date == "2010-06-16"]
    assert [(r.summary, r.citations[0].sentence) for r in fund.versions] == [
        (False, "s6"),
        (True, "s2"),
    ]
    assert fund.text.startswith("BP agreed on Wednesday to set aside $20bn")
    # The body's first sentence opens the article, not the bullets above it; a bullet that
    # sums up nothing in the body keeps an entry of its own.
    [protest] = [e for e in events if "shrimpers" in e.text]
    assert protest.summary and protest.date == "2010-06-15" and not protest.reports
    assert not any("Obama meets" in e.text for e in events)
    # merging again what an incremental build keeps gives the same entries
    again = happenings.merge([r for e in events for r in e.versions], vocabulary.words)
    assert [(e.id, len(e.versions)) for e in again] == [(e.id, len(e.versions)) for e in events]


def test_a_bullet_of_another_article_is_not_merged_by_its_words(resources, vocabulary) -> None:
    one = article(BULLETS, "2010-06-17", resources, "one")
    two = article(
        "HOUSTON (Reuters) - BP agreed on Wednesday to set aside $20bn for the victims of the "
        "oil spill, after its chairman met President Barack Obama.\n",
        "2010-06-17", resources, "two",
    )  # fmt: skip
    events = [e for e in happenings.build([one, two], vocabulary) if e.date == "2010-06-16"]
    assert len(events) == 1
    assert sorted((c.article, c.sentence) for c in events[0].citations) == [
        ("article-one", "s2"), ("article-one", "s6"), ("article-two", "s2")]  # fmt: skip


@pytest.mark.parametrize(
    "value, published, clause, expected",
    [
        ("2011-01-11", "2010-12-03", "the report is set to be released on January 11", "scheduled"),
        ("2010-W27", "2010-06-28", "waves will delay the plan until next week", "scheduled"),
        ("2011-04-22", "2011-01-11", "April 22 - The rig sinks", None),
        ("2008", "2023-10-10", "the 2008 war", "background"),
        ("2022-11-01", "2023-10-10", "talks broke down on 1 November 2022", "happened"),
        ("2023-10-07", "2023-10-10", "Hamas attacked on October 7", "happened"),
        ("2023-10-07", None, "Hamas attacked on October 7", "happened"),
        # speculation is no plan: it dates nothing ahead, nor a span holding the article's day
        ("2010-08", "2010-06-20", "the government has warned the spill could continue into August", None),
        ("2010-05-30", "2010-05-29", "the whole thing could be sealed by this time tomorrow", None),
        ("2010-07", "2010-07-02", "the relief well could reach its target by the end of this month, BP said", None),
        ("2008", "2008-06-25", "the Fed expects inflation to moderate later this year", None),
        ("2010-07-15", "2010-07-15", "another amendment, due to be taken up today, would require it", "scheduled"),
        ("2010-07-15", "2010-07-15", "BP said today it will pay", "happened"),
        ("2010-07-15", "2010-07-15", "BP said today it could pay", "happened"),
    ],
)  # fmt: skip
def test_what_a_date_is_to_its_article(value, published, clause, expected) -> None:
    assert status.status_of(value, None, published, clause) == expected


def test_an_entry_is_never_dated_after_the_article_that_reports_it(resources, vocabulary):
    text = (
        "Talks will resume in Cairo on Friday. "
        "You could draw a parallel with Exxon Valdez -- 20 years later, the costs are unknown. "
        "The 2008 war left Gaza in ruins. "
        "1000's of Innocent Americans marched at 10:00 +1100 past 1600 Pennsylvania Avenue. "
        "The blog 1600 said so."
    )
    report = article(text, "2011-03-16", resources)
    found = {(e.date, e.status) for e in happenings.events_of(report, vocabulary)}
    assert ("2011-03-18", "scheduled") in found
    assert ("2008", "background") in found
    assert not [d for d in report.dates if d.value and d.value < "1900"]
    assert not any(value > "2011-03-18" for value, _ in found)
    later = next(d for d in report.dates if d.text == "20 years later")
    assert later.value is None and "does not give" in later.note


def test_a_date_after_the_article_in_words_of_the_past_makes_no_entry(resources, vocabulary):
    report = article("June 16 - Obama meets BP chiefs at the White House.", "2010-06-28", resources)
    assert [d.value for d in report.dates] == ["2010-06-16"]
    timeline = article("April 22 - The rig sinks and a slick forms.", "2011-01-11", resources)
    [sinks] = timeline.dates
    if sinks.value and sinks.value > "2011-01-11":
        assert unmade.ahead_unspoken(timeline) == {sinks.start}
        assert not happenings.events_of(timeline, vocabulary)


def test_the_headline_is_the_clearest_report(resources, vocabulary) -> None:
    one = article(
        "It says that 1,400 people were killed in the attack on Saturday, October 7, 2023.",
        "2023-10-10", resources, "one",
    )  # fmt: skip
    two = article(
        "WASHINGTON (Reuters) - Hamas gunmen killed 1,400 people in an attack on southern "
        "Israel on Saturday, October 7, 2023, officials said.",
        "2023-10-11", resources, "two",
    )  # fmt: skip
    [entry] = [e for e in happenings.build([one, two], vocabulary) if e.date == "2023-10-07"]
    assert len(entry.versions) == 2
    assert entry.headline.startswith("Hamas gunmen killed 1,400 people")
    assert entry.versions[entry.headline_from - 1].citations[0].article == "article-two"


def test_salience_orders_what_many_articles_tell_first(resources, vocabulary) -> None:
    told = [
        article(f"Troops entered Rafah on Monday, 6 May 2024, witnesses in Rafah said ({n}).",
                "2024-05-07", resources, f"t{n}")
        for n in range(3)
    ]  # fmt: skip
    aside = article(
        "A minister visited a school in Tel Aviv on Monday, 6 May 2024.\n"
        "The 2008 war was recalled by the minister.",
        "2024-05-07", resources, "aside",
    )  # fmt: skip
    events = happenings.build([*told, aside], vocabulary)
    rafah = next(e for e in events if "Rafah" in e.text)
    school = next(e for e in events if "school" in e.text)
    war = next(e for e in events if e.date == "2008")
    assert len(rafah.versions) == 3
    assert rafah.salience > school.salience > war.salience > 0


@pytest.mark.parametrize(
    "clause, told",
    [
        ("Troops entered Rafah on Monday", True),
        ("BP spent around $3 billion in the second quarter", True),
        ("Nov. 2 - BP increases its estimate of the cost to $40 billion", True),
        ("He has resigned as minister", True),
        ("Talks will resume in Cairo on Friday", True),
        ("What will be happening in the fall?", False),
        ("The competition closes on June 12 at 10 p.m.", False),
        ("The crisis is now on the global diplomatic agenda", False),
    ],
)
def test_only_a_clause_that_tells_a_happening_makes_an_entry(vocabulary, clause, told) -> None:
    assert status.tells_a_happening(clause, vocabulary.words) is told


def test_a_question_or_a_stative_sentence_makes_no_entry(resources, vocabulary) -> None:
    text = (
        "What will be happening in Gaza on Friday? "
        "The competition closes on 12 June 2024 at 10 p.m. "
        "Troops entered Rafah on Monday."
    )
    report = article(text, "2024-05-08", resources)
    assert [e.date for e in happenings.events_of(report, vocabulary)] == ["2024-05-06"]
    assert len([d for d in report.dates if d.value]) == 3  # all still in the table of dates


def test_a_month_report_joins_the_day_inside_it_that_tells_the_same(vocabulary, resources) -> None:
    """Precisions nest: "in April" and "on April 20" of one happening are one entry,
    dated by the day; a month's report of something else stays an entry of the month."""
    told = [
        article("The Deepwater Horizon rig exploded on April 20, killing 11 workers.",
                "2010-05-02", resources, "a"),
        article("The Deepwater Horizon rig exploded in April, killing 11 workers.",
                "2010-05-03", resources, "b"),
        article("Shrimp prices rose in April, traders said.", "2010-05-04", resources, "c"),
    ]  # fmt: skip
    entries = happenings.build(told, vocabulary)
    day = next(e for e in entries if e.date == "2010-04-20")
    assert day.precision == "day" and {c.article for c in day.citations} == {
        "article-a",
        "article-b",
    }
    assert [e.date for e in entries if e.precision == "month"] == ["2010-04"]


def test_two_clauses_of_one_sentence_stay_two_entries_across_precisions(
    vocabulary, resources
) -> None:
    """Nesting joins reports of two sentences, never two reports of one sentence, which
    the sentence told apart ("pulled out earlier this month", "came back today")."""
    told = article("The inspectors came back to Athens on Monday.", "2010-06-21", resources)
    (day,) = happenings.events_of(told, vocabulary)
    month = replace(day, id="e-month", date="2010-06", precision="month")
    assert len(happenings.merge([day, month], vocabulary.words)) == 2
    other = replace(month, citations=[replace(month.citations[0], sentence="s2")])
    assert len(happenings.merge([day, other], vocabulary.words)) == 1


def test_a_title_run_into_the_lead_does_not_open_the_article(vocabulary, resources) -> None:
    """The page's title, glued to its lead when the page lost its lines, is no opening
    sentence of its own: the lead is, and it alone is "reported on" the page's day."""
    told = article(
        "Swine flu outbreak reaches Europe The first cases of swine flu have been "
        "confirmed in Spain.",
        "2009-04-28", resources,
    )  # fmt: skip
    reported = [e.text for e in happenings.events_of(told, vocabulary) if e.reported_only]
    assert reported == ["The first cases of swine flu have been confirmed in Spain."]


def test_a_sentence_that_does_not_name_its_subject_makes_no_entry(resources, vocabulary):
    """A line of the chronology is read alone: "he told…" or "“…,” she said" tells of no
    one, and its page says why its date made no entry."""
    text = (
        "Franklin Roosevelt spoke often of thrift. "
        "On August 24, 1935 he told a meeting of young Democrats that thrift mattered. "
        "It is understood that the bank closed on Monday. "
        '"We have stopped the leak," Hayward said on Tuesday. '
        '"My family wanted to be here tonight," she said on Wednesday.'
    )
    report = article(text, "2011-03-17", resources)
    found = {e.date for e in happenings.events_of(report, vocabulary)}
    assert {"2011-03-14", "2011-03-15"} <= found
    assert not found & {"1935-08-24", "2011-03-16"}
    why = unmade.unmade(report, vocabulary)
    thirties = next(d for d in report.dates if d.value == "1935-08-24")
    assert why[thirties.start] == "the sentence does not name whom “he” stands for"
    wednesday = next(d for d in report.dates if d.value == "2011-03-16")
    assert "“she”" in why[wednesday.start]


@pytest.mark.parametrize(
    ("sentence", "pronoun"),
    [
        ("Today it filed a lawsuit on behalf of a rig worker.", "it"),
        ("At yesterday's lunch, he put his finger in his mouth.", "he"),
        ("On Aug. 24, 1935, he told a meeting of young Democrats.", "he"),
        ("But I also know that every American loves this country.", "I"),
        ('"My family wanted to be here," she said.', "she"),
        ("They're going to vote on Friday.", "They"),
        ("It is understood that BP will pay on Monday.", None),
        ("It was not clear whether the well held on Monday.", None),
        ('"We have stopped the leak," Hayward said on Tuesday.', None),
        ("Tony Hayward, BP's chief, said on Monday that it would pay.", None),
        ("Today BP said it would pay.", None),
        ("Hewlett-Packard said on Monday it would cut jobs.", None),
    ],
)
def test_a_sentence_names_its_subject_or_leans_on_another(vocabulary, sentence, pronoun):
    assert vocabulary.words.subjects.unnamed(sentence) == pronoun


def test_a_century_that_describes_a_thing_dates_nothing(resources, vocabulary):
    """ "A classic 19th-century bank panic" is a kind of panic, not a time the sentence
    tells of: its date makes no entry, and the article's page says why."""
    text = (
        "Bernanke said on Monday that the crisis resembled a classic 19th-century bank panic. "
        "The opera is set in a 17th-century playhouse."
    )
    report = article(text, "2009-05-28", resources)
    assert {e.date for e in happenings.events_of(report, vocabulary)} == {"2009-05-25"}
    why = unmade.unmade(report, vocabulary)
    centuries = [d for d in report.dates if "century" in d.text]
    assert len(centuries) == 2
    assert all(why[d.start] == "a century or a decade that describes a thing" for d in centuries)
