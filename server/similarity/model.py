"""The similarity model: TF-IDF over stemmed words (and pairs of them) and over character n-grams, cosine.

Both parts are fitted on one cycle's proposals; a proposal that changes is vectorised against that fitted
vocabulary (:meth:`Model.vectors`), which takes a millisecond or two. Each part's vector is L2-normalised and
weighted, so the cosine of two combined vectors is ``WORD_WEIGHT`` × the word cosine plus the rest × the
character cosine, a score between 0 and 1.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from server.similarity.text import fold, stem, stems, words

WORD_WEIGHT = 0.3  # tuned on the labelled set (tests/similar/pairs.json) with the threshold
CHAR_NGRAMS = (4, 5)

# A vectoriser is not documented as thread-safe for transform; each model serialises its own use.


@dataclass
class Model:
    words: TfidfVectorizer
    chars: TfidfVectorizer
    lock: threading.Lock

    @classmethod
    def fit(cls, texts: Sequence[str]) -> Model:
        """A model fitted on ``texts`` (an empty cycle gets a model that knows no word yet)."""
        corpus = [t for t in texts if t.strip()] or ["leer"]
        word_model = TfidfVectorizer(analyzer=stems, sublinear_tf=True, norm="l2")
        char_model = TfidfVectorizer(
            analyzer="char_wb", ngram_range=CHAR_NGRAMS, preprocessor=fold, sublinear_tf=True, norm="l2"
        )
        word_model.fit(corpus)
        char_model.fit(corpus)
        return cls(word_model, char_model, threading.Lock())

    def vectors(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """One row per text, unit length (a text of no known n-gram is a row of zeros)."""
        with self.lock:
            word_part = self.words.transform(texts)
            char_part = self.chars.transform(texts)
        combined = sparse.hstack(
            [word_part * math.sqrt(WORD_WEIGHT), char_part * math.sqrt(1 - WORD_WEIGHT)], format="csr"
        )
        return normalize(combined, norm="l2", copy=False)

    def weight(self, word: str) -> float:
        """How telling a (folded) word is in this cycle: the inverse document frequency of its stem."""
        return self.stem_weight(stem(word))

    def stem_weight(self, key: str) -> float:
        """The inverse document frequency of a stem; a stem the cycle does not know counts as rare."""
        index = self.words.vocabulary_.get(key)
        return float(self.words.idf_[index]) if index is not None else float(self.words.idf_.max())


def cosine(rows: sparse.csr_matrix, vector: sparse.csr_matrix) -> np.ndarray:
    """Cosine of each row with one unit vector (the rows are unit vectors too)."""
    if rows.shape[0] == 0:
        return np.zeros(0)
    return np.asarray((rows @ vector.T).toarray()).ravel().clip(0.0, 1.0)


def shared_words(own: str, other: str, model: Model, limit: int = 8) -> list[str]:
    """The words (as written in ``own``) whose stems both texts use, the most telling first."""
    theirs = {stem(w) for w in words(other)}
    seen: dict[str, str] = {}
    for word in words(own):
        key = stem(word)
        if key in theirs and key not in seen:
            seen[key] = word
    surface = {fold(w): w for w in own.split()}
    ranked = sorted(seen.values(), key=lambda w: -model.weight(w))
    return [_as_written(w, surface) for w in ranked[:limit]]


def _as_written(word: str, surface: dict[str, str]) -> str:
    for folded, written in surface.items():
        if folded.strip(".,;:!?()„“\"'") == word:
            return written.strip(".,;:!?()„“\"'")
    return word
