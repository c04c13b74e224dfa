"""One cycle's proposals as TF-IDF vectors, kept current one proposal at a time.

A changed proposal is vectorised against the fitted vocabulary and kept beside the stacked matrix until
enough have changed to stack again (cheap), so an update while a group types costs one vectorisation and
one sparse product. When many proposals changed since the model was fitted (words the vocabulary does not
know yet), the model is fitted again in a background thread and swapped in; queries meanwhile use the old
one. Live texts (an open document's text that the catalogue does not have yet) are kept as a second vector
per proposal: a caller who may read along gets those, others the stored text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from server.similarity.model import Model, Vector

RESTACK_AFTER = 32  # changed vectors kept beside the matrix before it is stacked again
REFIT_MIN = 20  # proposals changed since the fit before the model is fitted again …
REFIT_SHARE = 0.04  # … and at least this share of the cycle


@dataclass
class Scored:
    measure_id: str
    score: float
    live: bool  # the score is against the candidate's live text


class CycleIndex:
    def __init__(self, cycle: str, texts: dict[str, str] | None = None, background: bool = True) -> None:
        self.cycle = cycle
        self.background = background  # refit in a thread (False: at once)
        self.texts: dict[str, str] = dict(texts or {})
        self.live_texts: dict[str, str] = {}
        self._lock = threading.RLock()
        self._refitting: threading.Thread | None = None
        self.refits = 0
        self._install(Model.fit(list(self.texts.values())), dict(self.texts))

    # --- building -------------------------------------------------------------

    def _install(self, model: Model, texts: dict[str, str]) -> None:
        """Swap in a model fitted on ``texts``; what changed since is vectorised again."""
        vectors = {i: model.vector(t) for i, t in texts.items()}
        matrix = model.matrix(list(vectors.values()))
        with self._lock:
            self.model = model
            self.vectors = vectors
            self.ids, self.matrix = list(vectors), matrix
            self.fresh: dict[str, Vector] = {}
            self.removed: set[str] = set()
            for measure_id in [i for i in self.texts if texts.get(i) != self.texts[i]]:
                self._vectorise(measure_id)
            for measure_id in set(texts) - set(self.texts):
                self.vectors.pop(measure_id, None)
                self.removed.add(measure_id)
            self.live_vectors = {i: model.vector(t) for i, t in self.live_texts.items()}
            self.changed_since_fit = len(self.fresh)
            self.refits += 1

    def _vectorise(self, measure_id: str) -> None:
        vector = self.model.vector(self.texts[measure_id])
        self.vectors[measure_id] = vector
        self.fresh[measure_id] = vector
        self.removed.discard(measure_id)

    def _restack(self) -> None:
        self.ids = list(self.vectors)
        self.matrix = self.model.matrix([self.vectors[i] for i in self.ids])
        self.fresh, self.removed = {}, set()

    # --- changes --------------------------------------------------------------

    def put(self, measure_id: str, text: str, live: str | None = None) -> None:
        """The proposal's stored text and, where it differs, its live text."""
        with self._lock:
            if self.texts.get(measure_id) != text:
                self.texts[measure_id] = text
                self._vectorise(measure_id)
                self.changed_since_fit += 1
            self.put_live(measure_id, live)
            if len(self.fresh) + len(self.removed) > RESTACK_AFTER:
                self._restack()
        self._maybe_refit()

    def put_live(self, measure_id: str, live: str | None) -> None:
        with self._lock:
            if live is None or live == self.texts.get(measure_id):
                self.live_texts.pop(measure_id, None)
                self.live_vectors.pop(measure_id, None)
            elif self.live_texts.get(measure_id) != live:
                self.live_texts[measure_id] = live
                self.live_vectors[measure_id] = self.model.vector(live)

    def remove(self, measure_id: str) -> None:
        with self._lock:
            if self.texts.pop(measure_id, None) is None:
                return
            self.vectors.pop(measure_id, None)
            self.fresh.pop(measure_id, None)
            self.live_texts.pop(measure_id, None)
            self.live_vectors.pop(measure_id, None)
            self.removed.add(measure_id)
            self.changed_since_fit += 1

    def _maybe_refit(self) -> None:
        with self._lock:
            due = self.changed_since_fit >= max(REFIT_MIN, REFIT_SHARE * len(self.texts))
            if not due or (self._refitting is not None and self._refitting.is_alive()):
                return
            texts = dict(self.texts)
            corpus = [*texts.values(), *self.live_texts.values()]
            if not self.background:
                self._install(Model.fit(corpus), texts)
                return
            self._refitting = threading.Thread(
                target=lambda: self._install(Model.fit(corpus), texts), name=f"similarity-refit-{self.cycle}",
                daemon=True,
            )  # fmt: skip
            self._refitting.start()

    def wait_for_refit(self, timeout: float = 60.0) -> None:
        thread = self._refitting
        if thread is not None:
            thread.join(timeout)

    # --- questions ------------------------------------------------------------

    def scores(
        self, text: str, live_allowed: Callable[[str], bool], threshold: float, exclude: Iterable[str] = ()
    ) -> list[Scored]:
        """The cycle's proposals scoring at least ``threshold`` against ``text`` (excluded ones left out)."""
        with self._lock:
            query = self.model.dense(text)
            values = self.matrix @ query
            result = {self.ids[n]: Scored(self.ids[n], float(values[n]), False)
                      for n in np.flatnonzero(values >= threshold)}  # fmt: skip
            for measure_id in self.removed:
                result.pop(measure_id, None)
            for measure_id, vector in self.fresh.items():
                result.pop(measure_id, None)
                score = vector.dot(query)
                if score >= threshold:
                    result[measure_id] = Scored(measure_id, score, False)
            for measure_id, vector in self.live_vectors.items():
                if measure_id in self.vectors and live_allowed(measure_id):
                    result.pop(measure_id, None)
                    score = vector.dot(query)
                    if score >= threshold:
                        result[measure_id] = Scored(measure_id, score, True)
        for measure_id in exclude:
            result.pop(measure_id, None)
        for scored in result.values():
            scored.score = min(scored.score, 1.0)
        return list(result.values())


def pair_scores(pairs: list[tuple[str, str]]) -> list[float]:
    """Scores of text pairs, the model fitted on all their texts as on one cycle's proposals."""
    texts = {f"{n}-{side}": text for n, pair in enumerate(pairs) for side, text in zip("ab", pair, strict=True)}
    index = CycleIndex("labelled", texts, background=False)
    return [index.vectors[f"{n}-a"].dot(index.model.dense(pairs[n][1])) for n in range(len(pairs))]
