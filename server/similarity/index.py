"""One cycle's proposals as TF-IDF vectors, kept current one proposal at a time.

A changed proposal is vectorised against the fitted vocabulary and kept beside the stacked matrix until
enough have changed to stack again (cheap) — so an update while a group types costs a transform and one
sparse product. When many proposals changed since the model was fitted (new words the vocabulary does not
know), the model is fitted again in a background thread and swapped in; queries meanwhile use the old one.
Live texts (an open document's text that the catalogue does not have yet) are kept as a second vector per
proposal: a caller who may read along gets those, others the stored text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from scipy import sparse

from server.similarity.model import Model, cosine

RESTACK_AFTER = 32  # changed vectors kept beside the matrix before it is stacked again
REFIT_MIN = 20  # proposals changed since the fit before the model is fitted again …
REFIT_SHARE = 0.2  # … and at least this share of the cycle


@dataclass
class Scored:
    measure_id: str
    score: float
    live: bool  # the score is against the candidate's live text


class CycleIndex:
    def __init__(self, cycle: str, texts: dict[str, str] | None = None, background: bool = True) -> None:
        self.cycle = cycle
        self.background = background  # refit in a thread (False: at once, for tests and the benchmark)
        self.texts: dict[str, str] = dict(texts or {})
        self.live_texts: dict[str, str] = {}
        self._lock = threading.RLock()
        self._refitting: threading.Thread | None = None
        self.refits = 0
        self._fit_now()

    # --- building -------------------------------------------------------------

    def _fit_now(self) -> None:
        model = Model.fit([*self.texts.values(), *self.live_texts.values()])
        self._install(model, dict(self.texts), dict(self.live_texts))

    def _install(self, model: Model, texts: dict[str, str], live: dict[str, str]) -> None:
        """Swap in a model fitted on ``texts``/``live``; what changed since is vectorised again (lock held)."""
        ids = list(texts)
        matrix = model.vectors([texts[i] for i in ids]) if ids else sparse.csr_matrix((0, 1))
        with self._lock:
            self.model = model
            self.vectors = {i: matrix[n] for n, i in enumerate(ids)}
            self.ids, self.matrix = ids, matrix
            self.fresh: dict[str, sparse.csr_matrix] = {}
            self.removed: set[str] = set()
            for measure_id in [i for i in self.texts if texts.get(i) != self.texts[i]]:
                self._vectorise(measure_id)
            for measure_id in set(ids) - set(self.texts):
                self.vectors.pop(measure_id, None)
                self.removed.add(measure_id)
            self.live_vectors = {i: model.vectors([t]) for i, t in self.live_texts.items()}
            self.changed_since_fit = len(self.fresh)
            self.refits += 1

    def _vectorise(self, measure_id: str) -> None:
        vector = self.model.vectors([self.texts[measure_id]])
        self.vectors[measure_id] = vector
        self.fresh[measure_id] = vector
        self.removed.discard(measure_id)

    def _restack(self) -> None:
        self.ids = list(self.vectors)
        self.matrix = sparse.vstack([self.vectors[i] for i in self.ids], format="csr") if self.ids else self.matrix
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
                self.live_vectors[measure_id] = self.model.vectors([live])

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
            texts, live = dict(self.texts), dict(self.live_texts)
            if not self.background:
                self._install(Model.fit([*texts.values(), *live.values()]), texts, live)
                return
            self._refitting = threading.Thread(
                target=lambda: self._install(Model.fit([*texts.values(), *live.values()]), texts, live),
                name=f"similarity-refit-{self.cycle}", daemon=True,
            )  # fmt: skip
            self._refitting.start()

    def wait_for_refit(self, timeout: float = 30.0) -> None:
        thread = self._refitting
        if thread is not None:
            thread.join(timeout)

    # --- questions ------------------------------------------------------------

    def vector(self, text: str) -> sparse.csr_matrix:
        return self.model.vectors([text])

    def scores(self, text: str, live_allowed: Callable[[str], bool], exclude: Iterable[str] = ()) -> list[Scored]:
        """Every proposal of the cycle scored against ``text`` (excluded ones left out), unordered."""
        with self._lock:
            query = self.model.vectors([text])
            values = dict(zip(self.ids, cosine(self.matrix, query).tolist(), strict=True))
            for measure_id in self.removed:
                values.pop(measure_id, None)
            for measure_id, vector in self.fresh.items():
                values[measure_id] = float(cosine(vector, query)[0])
            result = {i: Scored(i, v, False) for i, v in values.items()}
            for measure_id, vector in self.live_vectors.items():
                if measure_id in result and live_allowed(measure_id):
                    result[measure_id] = Scored(measure_id, float(cosine(vector, query)[0]), True)
        for measure_id in exclude:
            result.pop(measure_id, None)
        return list(result.values())


def pair_scores(pairs: list[tuple[str, str]]) -> list[float]:
    """Scores of text pairs, the model fitted on all their texts as on one cycle's proposals."""
    texts = {f"{n}-{side}": text for n, pair in enumerate(pairs) for side, text in zip("ab", pair, strict=True)}
    index = CycleIndex("labelled", texts, background=False)
    return [float(cosine(index.vectors[f"{n}-a"], index.vectors[f"{n}-b"])[0]) for n in range(len(pairs))]
