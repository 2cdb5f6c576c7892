"""Why a date of an article makes no entry: its page says so beside the date, so that no
date is left out of the chronology unexplained."""

from __future__ import annotations

from generator.chronology.happenings import EntryWords, coarse, is_calendar, leans
from generator.chronology.status import status_of
from generator.model import Article
from generator.text import clauses, parts


def ahead_unspoken(article: Article) -> set[int]:
    """The starts of the article's dates that lie after it in sentences that do not speak
    of the future: they make no entry, and its page says why."""
    published = article.published.value
    if not published:
        return set()
    sentences = {s.id: s for s in article.sentences}
    return {
        d.start
        for d in article.dates
        if d.value
        and is_calendar(d)
        and d.sentence in sentences
        and status_of(
            d.value,
            d.end_value,
            published,
            article.text[sentences[d.sentence].start : sentences[d.sentence].end],
        )
        is None
    }


def unmade(article: Article, vocabulary: EntryWords) -> dict[int, str]:
    """Why dates of the article's body make no entry, by the start of each date: its
    page says so in its table of dates, so that no date is left out unexplained."""
    reasons = dict.fromkeys(
        ahead_unspoken(article), "after the article, in words not of the future"
    )
    held = parts.holding(article.sentences, article.parts)
    body = {s.id: s for s, part in held if (part.kind if part else "body") == "body"}
    figured = {f.sentence for f in article.figures}
    for date in article.dates:
        sentence = body.get(date.sentence)
        if date.start in reasons or sentence is None or not is_calendar(date):
            continue
        text = article.text[sentence.start : sentence.end]
        span = (date.start - sentence.start, date.end - sentence.start)
        if clauses.describes(text, *span):
            reasons[date.start] = "a century or a decade that describes a thing"
        elif vocabulary.words.background(text, *span, coarse(date)):
            continue  # a happening named in passing: an entry of its own
        elif pronoun := leans(text, sentence.id in figured, vocabulary):
            reasons[date.start] = f"the sentence does not name whom “{pronoun}” stands for"
    return reasons
