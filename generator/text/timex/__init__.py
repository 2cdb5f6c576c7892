"""Date expressions (TIMEX3, in TimeML's words) found in a text and resolved to TimeML values.

``tagger`` is the entry: what extraction, the command line and the benchmarks call.  The
calendar's words are in ``lexicon``; the patterns, each beside its resolver, in ``rules``
(dates written out, calendar units) and ``relative`` (dates said relative to another);
the tense of a clause and the dates a relative expression counts from in ``resolve``; the
publication date a text shows of itself in ``published``; and the curated words the
tagger reads in ``vocabulary``.  The values themselves are ``generator.timeml``'s.
"""
