"""The similarity model: TF-IDF over stemmed words (and pairs of them) and over character n-grams, cosine.

Both parts are fitted with scikit-learn on one cycle's proposals (vocabulary and inverse document
frequencies). A text is then vectorised against that fitted vocabulary here, with scikit-learn's formula
(sublinear term frequency × idf, L2 norm per part) but without its per-call checks, which cost more than the
arithmetic for one short text. Each part is weighted, so the cosine of two combined vectors is
``WORD_WEIGHT`` × the word cosine plus the rest × the character cosine, a score between 0 and 1.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from server.similarity.text import fold, stem, stems, words

if TYPE_CHECKING:  # imported when first used: scikit-learn and SciPy take over a second to load, and a server
    # that nobody asks for similar proposals never needs them
    from scipy import sparse  # type: ignore[import-untyped]
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

WORD_WEIGHT = 0.3  # tuned on the labelled set (tests/similar/pairs.json) together with the threshold
CHAR_NGRAMS = (4, 5)


@dataclass(frozen=True)
class Vector:
    """A unit vector as its non-zero positions and values."""

    indices: np.ndarray
    values: np.ndarray

    def dot(self, dense: np.ndarray) -> float:
        return float(self.values @ dense[self.indices]) if len(self.indices) else 0.0


@dataclass
class Model:
    words: TfidfVectorizer
    chars: TfidfVectorizer

    def __post_init__(self) -> None:
        self.size = len(self.words.vocabulary_) + len(self.chars.vocabulary_)

    @classmethod
    def fit(cls, texts: Sequence[str]) -> Model:
        """A model fitted on ``texts`` (an empty cycle gets a model that knows one word)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        corpus = [t for t in texts if t.strip()] or ["leer"]
        word_model = TfidfVectorizer(analyzer=stems, sublinear_tf=True, norm="l2")
        char_model = _char_vectoriser()
        word_model.fit(corpus)
        char_model.fit(corpus)
        return cls(word_model, char_model)

    def vector(self, text: str) -> Vector:
        """The text's unit vector (no known n-gram: an empty one)."""
        offset = len(self.words.vocabulary_)
        word_terms, char_terms = terms(text)
        parts = [
            _part(self.words, word_terms, 0, math.sqrt(WORD_WEIGHT)),
            _part(self.chars, char_terms, offset, math.sqrt(1 - WORD_WEIGHT)),
        ]
        indices = np.concatenate([p[0] for p in parts])
        values = np.concatenate([p[1] for p in parts])
        norm = float(np.linalg.norm(values))
        return Vector(indices, values / norm if norm else values)

    def dense(self, text: str) -> np.ndarray:
        vector = self.vector(text)
        result = np.zeros(self.size)
        result[vector.indices] = vector.values
        return result

    def matrix(self, vectors: Sequence[Vector]) -> sparse.csr_matrix:
        """The vectors as the rows of a sparse matrix."""
        from scipy import sparse

        indptr = np.cumsum([0, *(len(v.indices) for v in vectors)])
        indices = np.concatenate([v.indices for v in vectors]) if vectors else np.zeros(0, dtype=np.int64)
        values = np.concatenate([v.values for v in vectors]) if vectors else np.zeros(0)
        return sparse.csr_matrix((values, indices, indptr), shape=(len(vectors), self.size))

    def weight(self, word: str) -> float:
        """How telling a (folded) word is in this cycle: the inverse document frequency of its stem."""
        return self.stem_weight(stem(word))

    def stem_weight(self, key: str) -> float:
        """The inverse document frequency of a stem; a stem the cycle does not know counts as rare."""
        index = self.words.vocabulary_.get(key)
        return float(self.words.idf_[index]) if index is not None else float(self.words.idf_.max())


def _char_vectoriser() -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, preprocessor=fold, sublinear_tf=True)


@cache
def _char_analyzer() -> Any:
    return _char_vectoriser().build_analyzer()


@lru_cache(maxsize=64)
def terms(text: str) -> tuple[list[str], list[str]]:
    """The word and character n-grams of a text (the same for every cycle's model: asked once per text)."""
    return stems(text), _char_analyzer()(text)


def _part(model: TfidfVectorizer, terms: list[str], offset: int, weight: float) -> tuple[np.ndarray, np.ndarray]:
    vocabulary = model.vocabulary_
    counts = Counter(vocabulary[t] for t in terms if t in vocabulary)
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    indices = np.fromiter(counts, dtype=np.int64, count=len(counts))
    values = (1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))) * model.idf_[indices]
    values *= weight / np.linalg.norm(values)
    return indices + offset, values


def shared_words(own: str, other: str, model: Model, limit: int = 8) -> list[str]:
    """The words (as written in ``own``) whose stems both texts use, the most telling first."""
    theirs = {stem(w) for w in words(other)}
    seen: dict[str, str] = {}
    for word in words(own):
        key = stem(word)
        if key in theirs and key not in seen:
            seen[key] = word
    surface = {fold(w).strip(".,;:!?()„“\"'"): w.strip(".,;:!?()„“\"'") for w in own.split()}
    ranked = sorted(seen.values(), key=lambda w: -model.weight(w))
    return [surface.get(w, w) for w in ranked[:limit]]
