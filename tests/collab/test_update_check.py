"""The update check (``server/collab/updates.py``) on hand-made Yjs updates: what fits a proposal, what not."""

from __future__ import annotations

import pytest
from pycrdt import Doc, Text

from domain.texts import PROPOSAL_FIELDS
from server.collab import store
from server.collab.protocol import var_bytes, var_uint
from server.collab.updates import (
    DocState,
    InvalidUpdate,
    MissingDependencies,
    advance,
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


def _outcome(check: object, update: bytes, state: dict[int, int], live: bool) -> object:
    try:
        summary = check(update, state, PROPOSAL_FIELDS, live=live)  # type: ignore[operator]
    except InvalidUpdate as error:
        return type(error), str(error)
    return summary


def test_the_short_path_for_typed_text_concludes_what_the_full_reading_does() -> None:
    """Typing (one block of text next to known items) is read on a short path: for real typed updates
    from several clients, and for each of them altered byte by byte, cut short or offered at the wrong
    moment, the outcome is the full reading's (the same summary, or the same refusal)."""
    import random

    from server.collab.updates import _typed_text, read_update

    rng = random.Random(20)
    server = store.new_doc()
    server.apply_update(SEED)
    writers = []
    for _ in range(3):
        doc = store.new_doc()
        doc.apply_update(server.get_update())
        writers.append(doc)
    short = 0
    for step in range(300):
        doc = writers[step % 3]
        doc.apply_update(server.get_update(doc.get_state()))
        text = doc.get(rng.choice(["description", "goal"]), type=Text)
        before = doc.get_state()
        if len(text) > 3 and rng.random() < 0.1 and str(text).isascii():  # (pycrdt cuts by bytes)
            del text[1:3]
        else:
            text.insert(rng.randint(0, len(text)), rng.choice(["[abc:0001]", "ä", "😀x", "Wort "]))
        update = doc.get_update(before)
        state = decode_state_vector(server.get_state())
        variants = [update, update[:-1], update + b"\x00", SEED]
        for _ in range(6):
            at = rng.randrange(len(update))
            variants.append(update[:at] + bytes([rng.randrange(256)]) + update[at + 1 :])
        for variant in variants:
            for live in (True, False):
                assert _outcome(check_update, variant, state, live) == _outcome(read_update, variant, state, live)
        if _typed_text(update, state) is not None:
            short += 1
        stale = {**state, doc.client_id: state.get(doc.client_id, 0) + 1}  # the document is ahead: no short path
        assert _outcome(check_update, update, stale, True) == _outcome(read_update, update, stale, True)
        server.apply_update(update)
    assert short > 200  # most typed updates take the short path


def test_a_delete_set_naming_a_client_twice_is_refused() -> None:
    """yjs applies both lists of a client named twice in the delete set, yrs keeps only the last: accepted, the
    same bytes delete "l" of the seed's "Ziel." in every browser and not on the server (fuzzing, seed 2299143142).
    Neither library writes a client twice, so such an update can only be forged."""
    twice = var_uint(2) + var_uint(1) + var_uint(1) + var_uint(7) + var_uint(1) + var_uint(1) + var_uint(1)
    twice += var_uint(0) + var_uint(1)
    with pytest.raises(InvalidUpdate, match="mehrfach"):
        check_update(var_uint(0) + twice, _state(), PROPOSAL_FIELDS, live=True)
    check_update(var_uint(0) + twice, _state(), PROPOSAL_FIELDS)  # stored before this check: replayed as then
    once = var_uint(1) + var_uint(1) + var_uint(2) + var_uint(0) + var_uint(1) + var_uint(7) + var_uint(1)
    check_update(var_uint(0) + once, _state(), PROPOSAL_FIELDS, live=True)  # the same deletions, written as yjs does


def test_a_block_between_neighbours_of_two_fields_is_refused_live() -> None:
    """<1#20> is in "description" and <1#3> in "title" (the seed is written by client 1): no client puts a block
    between them, and yrs places such a block differently when it reads the document's full state than when it
    applies the update alone (tests/fuzz/test_collab_structured.py has the case the fuzzer found)."""
    replay = store.Replay(state=DocState())
    assert replay.apply(SEED)
    block = b"\xc4" + var_uint(1) + var_uint(20) + var_uint(1) + var_uint(3) + _text(" Kinder")
    with pytest.raises(InvalidUpdate, match="zwei verschiedenen Feldern"):
        check_update(_update(77, 0, block), replay.state, PROPOSAL_FIELDS, live=True)
    from_store = check_update(_update(77, 0, block), replay.state, PROPOSAL_FIELDS)  # stored earlier: as yrs placed it
    assert from_store.placed == [(77, 0, 7, "description")]
    typed = b"\xc4" + var_uint(1) + var_uint(20) + var_uint(1) + var_uint(21) + _text(" Kinder")  # both in one field
    summary = check_update(_update(77, 0, typed), replay.state, PROPOSAL_FIELDS, live=True)
    assert summary.placed == [(77, 0, 7, "description")]
    advance(replay.state, summary)
    after = b"\x84" + var_uint(77) + var_uint(6) + _text("!")  # typed after it: found in the field map
    assert check_update(_update(77, 7, after), replay.state, PROPOSAL_FIELDS, live=True).placed == [
        (77, 7, 8, "description")
    ]


def test_the_field_map_places_a_full_state_whose_neighbours_come_later() -> None:
    """A checkpoint (the document's full state) lists clients in any order: a block may lie next to one that is
    read later. Each is placed once its neighbour is, for every item of a document typed by several people."""
    doc = store.new_doc()
    doc.apply_update(SEED)
    for client, (field, text) in enumerate([("goal", "Weniger Armut"), ("title", " 2026"), ("goal", " für alle")], 5):
        writer = store.new_doc(client_id=client)
        writer.apply_update(doc.get_update())
        target = writer.get(field, type=Text)
        target.insert(len(target) if client % 2 else 0, text)
        doc.apply_update(writer.get_update(doc.get_state()))
    replay = store.Replay(state=DocState())
    assert replay.apply(doc.get_update())
    fields = replay.state.fields
    assert fields.field(5, 0) == "goal" and fields.field(6, 2) == "title" and fields.field(7, 8) == "goal"
    assert fields.field(1, 0) == "title" and fields.field(1, 11) == "description"
