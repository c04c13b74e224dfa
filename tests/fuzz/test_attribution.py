"""Who wrote which part of a live proposal, for random edit histories with umlauts, emoji and embeds.

Found by fuzzing: the document's change events count offsets in UTF-8 bytes, the attribution counted
characters, so deleting an "ä" shifted every later author and ended in a 500 on ``/authors``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from hypothesis import given, settings
from hypothesis import strategies as st
from pycrdt import Doc, Text

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from server.collab import store
from tests.collab.conftest import build_scenario

AUTHORS = [UUID(int=n) for n in (0xA, 0xB, 0xC)]
EMBED = object()  # an embedded object in the text: not a character, one offset long

edits = st.lists(
    st.tuples(
        st.sampled_from(AUTHORS),
        st.sampled_from(["insert", "insert", "embed", "delete"]),
        st.floats(0, 1),  # where, as a fraction of the current length
        st.floats(0, 1),  # how much to delete, as a fraction of the rest
        st.text(st.sampled_from("aäöüßÄ😀€ x"), min_size=1, max_size=6),
    ),
    max_size=12,
)


def _offset(model: list[tuple[Any, UUID]], index: int) -> int:
    """pycrdt's offset for a position in the model: UTF-8 bytes of the characters before it, 1 per embed."""
    return sum(1 if c is EMBED else len(c.encode("utf-8")) for c, _ in model[:index])


def _edit(app: Sozialkonferenz, measure: UUID, script: list[tuple[UUID, str, float, float, str]]) -> list[Any]:
    """Apply the script as stored live updates; returns the expected (character, author) pairs."""
    loaded = store.load(app, measure)
    replica: Doc[Any] = Doc()
    replica.apply_update(loaded.doc.get_update())
    text = replica.get("description", type=Text)
    model: list[tuple[Any, UUID]] = []
    for author, kind, where, size, words in script:
        start = round(where * len(model))
        before = replica.get_state()
        if kind == "insert":
            text.insert(_offset(model, start), words)
            model[start:start] = [(c, author) for c in words]
        elif kind == "embed":
            text.insert_embed(_offset(model, start), {"bild": 1})
            model[start:start] = [(EMBED, author)]
        else:
            end = start + round(size * (len(model) - start))
            if end == start:
                continue
            del text[_offset(model, start) : _offset(model, end)]
            del model[start:end]
        loaded.aggregate.append([{"actor": author, "update": store.b64(replica.get_update(before))}])
    app.save(loaded.aggregate)
    return [(c, a) for c, a in model if c is not EMBED]


def test_every_character_is_attributed_to_the_person_who_wrote_it(app: Sozialkonferenz) -> None:
    group = build_scenario(app, measures=1).group_ids[0]

    @settings(max_examples=20, deadline=None)
    @given(script=edits)
    def fuzz(script: list[tuple[UUID, str, float, float, str]]) -> None:
        measure = app.draft_measure(SYSTEM_ACTOR, group, {"title": "Vorschlag"})
        expected = _edit(app, measure, script)
        runs = store.attribution(app, measure)["description"]
        assert [(c, run["actor_id"]) for run in runs for c in run["text"]] == expected

    fuzz()
