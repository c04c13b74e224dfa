"""The update check (``server/collab/updates.py``) on hand-made Yjs updates: what fits a proposal, what not."""

from __future__ import annotations

import pytest
from pycrdt import Doc, Text

from domain.texts import PROPOSAL_FIELDS
from server.collab import store
from server.collab.protocol import var_bytes, var_uint
from server.collab.updates import (
    InvalidUpdate,
    MissingDependencies,
    check_update,
    decode_state_vector,
    strict_json,
)

SEED = store.seed_update({"title": "Vorschlag 1", "description": "Ausgangslage."})


def _text(value: str) -> bytes:
    return var_bytes(value.encode("utf-8"))


def _update(client: int, clock: int, *structs: bytes, deletes: bytes = var_uint(0)) -> bytes:
    return var_uint(1) + var_uint(len(structs)) + var_uint(client) + var_uint(clock) + b"".join(structs) + deletes


def _state() -> dict[int, int]:
    doc = store.new_doc()
    doc.apply_update(SEED)
    return decode_state_vector(doc.get_state())


def test_edits_made_with_pycrdt_fit() -> None:
    doc = store.new_doc()
    doc.apply_update(SEED)
    state = decode_state_vector(doc.get_state())
    before = doc.get_state()
    text = doc.get("goal", type=Text)
    text.insert(0, "Weniger Armut 😀")
    text.format(0, 7, {"bold": True})
    text.insert_embed(3, {"image": "bild.png"})
    del text[0:2]
    summary = check_update(doc.get_update(before), state, PROPOSAL_FIELDS, live=True)
    assert summary.by_field["goal"] > 0


@pytest.mark.parametrize(
    ("struct", "reason"),
    [
        (b"\x04" + var_uint(1) + _text("zzz_hidden") + _text("x"), "unbekanntes Feld"),
        (b"\x04" + var_uint(0) + var_uint(1) + var_uint(5) + _text("XYZ"), "Elternteil"),
        (b"\x07" + var_uint(1) + _text("goal") + var_uint(0), "verschachtelter Typ"),
        (b"\x24" + var_uint(1) + _text("goal") + _text("key") + _text("x"), "Schlüssel"),
        (b"\x05" + var_uint(1) + _text("goal") + _text("[" * 40 + "]" * 40), "verschachtelt"),
        (b"\x06" + var_uint(1) + _text("goal") + _text("bold") + _text("NaN"), "kein gültiges JSON"),
        (b"\x06" + var_uint(1) + _text("goal") + _text("bold") + _text("1e999"), "kein gültiges JSON"),
        (b"\x05" + var_uint(1) + _text("goal") + _text('"\\ud800"'), "kein gültiges JSON"),
    ],
)
def test_what_does_not_fit_a_proposal_is_refused(struct: bytes, reason: str) -> None:
    with pytest.raises(InvalidUpdate, match=reason):
        check_update(_update(77, 0, struct), _state(), PROPOSAL_FIELDS, live=True)


def test_client_ids_beyond_javascript_numbers_are_refused() -> None:
    struct = b"\x04" + var_uint(1) + _text("goal") + _text("x")
    with pytest.raises(InvalidUpdate, match="Client-Kennung"):
        check_update(_update(2**53 + 1, 0, struct), _state(), PROPOSAL_FIELDS)


def test_a_block_whose_origin_is_itself_depends_on_the_unknown() -> None:
    self_origin = b"\x84" + var_uint(77) + var_uint(0) + _text("x")
    with pytest.raises(MissingDependencies):
        check_update(_update(77, 0, self_origin), _state(), PROPOSAL_FIELDS, live=True)


def test_known_clocks_again_ask_for_a_sync_live_but_are_skipped_in_a_replay() -> None:
    first = _update(77, 0, b"\x04" + var_uint(1) + _text("goal") + _text("abc"))
    doc = store.new_doc()
    doc.apply_update(SEED)
    doc.apply_update(first)
    state = decode_state_vector(doc.get_state())
    again = _update(77, 0, b"\x04" + var_uint(1) + _text("title") + _text("xyz"))
    with pytest.raises(MissingDependencies, match="bekannte"):
        check_update(again, state, PROPOSAL_FIELDS, live=True)
    check_update(first, state, PROPOSAL_FIELDS)  # a stored history meets its checkpoints' blocks again
    straddling = _update(77, 1, b"\x04" + var_uint(1) + _text("goal") + _text("bcd"))
    with pytest.raises(InvalidUpdate, match="überschneidet"):
        check_update(straddling, state, PROPOSAL_FIELDS)


def test_gaps_and_unknown_references_ask_for_a_sync() -> None:
    with pytest.raises(MissingDependencies, match="Lücke"):
        check_update(_update(77, 5, b"\x04" + var_uint(1) + _text("goal") + _text("x")), _state(), PROPOSAL_FIELDS)
    unknown = b"\x84" + var_uint(1) + var_uint(999) + _text("x")
    with pytest.raises(MissingDependencies, match="unbekanntes Element"):
        check_update(_update(77, 0, unknown), _state(), PROPOSAL_FIELDS)


def test_strict_json_is_what_browsers_and_yrs_read() -> None:
    assert strict_json('{"user": {"name": "Anja", "color": "#123456"}, "cursor": null}')
    assert not strict_json("NaN")
    assert not strict_json("[Infinity]")
    assert not strict_json("1e999")
    assert not strict_json('"\\udc00"')
    assert not strict_json(str(2**70))


def test_a_full_state_fits_an_empty_document() -> None:
    doc = Doc()
    doc.get("title", type=Text).insert(0, "Neu")
    check_update(doc.get_update(), {}, PROPOSAL_FIELDS)
