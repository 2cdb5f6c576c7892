"""How alike reports are in their words: the cosine of their TF-IDF vectors.

Two reports of one happening share its rarer words (names, places, the thing done) more
than the words every report of a story has. TF-IDF weighs each word by how few of the
reports being merged use it, so the weights follow the story at hand, in any language
scikit-learn's tokenizer splits; no list of a war's or an election's words is needed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from generator.text.timex.lexicon import MONTHS, WEEKDAYS

TOKENS = r"(?u)\b[^\W\d_][\w'’-]*[^\W_]\b|\b\d[\d,.]*\d\b"
"""Words of two letters or more, and numbers of two digits or more ("$20bn" gives "20")."""
STOP_WORDS = sorted(
    ENGLISH_STOP_WORDS | set(MONTHS) | {d.lower() for d in WEEKDAYS} | {"said", "says"}
)
"""Words that say nothing of what happened: reports of one date share its names."""


class Likeness:
    """The reports' vectors, fitted once; ``among`` gives the cosines of any few."""

    def __init__(self, texts: Sequence[str]) -> None:
        vectorizer = TfidfVectorizer(
            lowercase=True, token_pattern=TOKENS, stop_words=STOP_WORDS, sublinear_tf=True
        )
        try:
            self.matrix = vectorizer.fit_transform(texts)
        except ValueError:  # no text has a word that is not a stop word
            self.matrix = None

    def among(self, rows: Sequence[int]) -> np.ndarray:
        """The cosine of each pair of the rows given (rows are L2-normalised: a product)."""
        if self.matrix is None or not rows:
            return np.zeros((len(rows), len(rows)))
        picked = self.matrix[list(rows)]
        return (picked @ picked.T).toarray()
