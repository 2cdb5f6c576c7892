"""Date expressions (TIMEX3, in TimeML's words) found in a text and resolved to TimeML values.

``tagger`` is the entry: what extraction, the command line and the benchmarks call.  The
calendar's words are in ``lexicon``, the patterns beside their resolvers in ``rules``, the
tense and the dates a relative expression counts from in ``resolve``, the publication date
a text shows in ``published``, and the curated words it reads in ``vocabulary``.
"""
