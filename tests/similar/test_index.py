"""The per-cycle index kept current one proposal at a time: changed, removed, restacked, refitted."""

from __future__ import annotations

from bench.similar import labelled_pairs
from server.similarity.index import REFIT_MIN, RESTACK_AFTER, CycleIndex
from server.similarity.model import Model
from server.similarity.text import proposal_text

TEXTS = [proposal_text(side) for pair in labelled_pairs()[:40] for side in (pair["a"], pair["b"])]
NEW_IDEA = "Trinkbrunnen auf allen Spielplätzen\nKostenloses Trinkwasser an heißen Tagen auf Spielplätzen."


def scores(index: CycleIndex, text: str) -> dict[str, float]:
    return {s.measure_id: s.score for s in index.scores(text, lambda _: True, 0.0)}


def consistent(index: CycleIndex, query: str) -> None:
    """Matrix, changed vectors and removals together score every proposal as its text does now."""
    dense = index.model.dense(query)
    expected = {i: min(max(index.model.vector(t).dot(dense), 0.0), 1.0) for i, t in index.texts.items()}
    found = scores(index, query)
    assert found.keys() == expected.keys()
    assert all(abs(found[i] - expected[i]) < 1e-9 for i in expected)


def test_changed_and_removed_proposals_are_scored_by_their_text_now_through_restacks_and_refits() -> None:
    index = CycleIndex("2026", {f"m{n}": t for n, t in enumerate(TEXTS)}, background=False)
    index.put("m0", TEXTS[1])  # m0 now says what m1 says
    assert "m0" in index.fresh
    consistent(index, TEXTS[1])
    assert abs(scores(index, TEXTS[1])["m0"] - scores(index, TEXTS[1])["m1"]) < 1e-9
    restacked = False
    for n in range(1, RESTACK_AFTER + REFIT_MIN):  # enough changes to stack the matrix again and to refit
        index.put(f"m{n}", TEXTS[n] + " Ergänzt um einen Satz.")
        restacked = restacked or not index.fresh
        if n % 7 == 0:
            index.remove(f"m{n + 50}")
            consistent(index, TEXTS[n])
    assert restacked and index.refits >= 2
    consistent(index, TEXTS[3])
    assert "m57" not in scores(index, TEXTS[57]) and "m57" not in index.texts


def test_many_changes_refit_the_model_in_the_background_and_new_words_count() -> None:
    index = CycleIndex("2026", {f"m{n}": t for n, t in enumerate(TEXTS)}, background=True)
    assert index.model.words.vocabulary_.get("trinkbrunn") is None
    for n in range(REFIT_MIN):
        index.put(f"m{n}", NEW_IDEA + f" Variante {n}.")
    index.wait_for_refit()
    assert index.refits == 2 and "trinkbrunn" in index.model.words.vocabulary_
    fresh = Model.fit(list(index.texts.values()))
    assert abs(scores(index, NEW_IDEA)["m0"] - fresh.vector(index.texts["m0"]).dot(fresh.dense(NEW_IDEA))) < 1e-9


def test_live_text_counts_only_for_those_who_may_read_along() -> None:
    index = CycleIndex("2026", {f"m{n}": t for n, t in enumerate(TEXTS)}, background=False)
    index.put("m3", TEXTS[3], live=TEXTS[0])
    own = index.scores(TEXTS[0], lambda _: True, 0.0)
    public = index.scores(TEXTS[0], lambda _: False, 0.0)
    assert next(s for s in own if s.measure_id == "m3").live is True
    assert next(s.score for s in own if s.measure_id == "m3") > 0.99
    assert next(s for s in public if s.measure_id == "m3").live is False
    assert next(s.score for s in public if s.measure_id == "m3") < 0.5
    index.put("m3", TEXTS[0], live=TEXTS[0])  # the catalogue took the live text over: one vector again
    assert "m3" not in index.live_vectors
