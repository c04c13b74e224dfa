"""The fuzzer's Yjs codec reads and writes exactly what pycrdt and yjs write (else its mutations lie)."""

from __future__ import annotations

import random

from pycrdt import Doc

from server.collab import store
from tests.fuzz import generators
from tests.fuzz import yjs_codec as y

FIELDS = {"title": "Vorschlag 1", "description": "Ausgangslage."}


def _context() -> generators.Context:
    doc = store.new_doc()
    doc.apply_update(store.seed_update(FIELDS))
    return generators.Context(doc, generators.seed_ids(FIELDS))


def test_updates_of_pycrdt_and_yjs_decode_and_encode_to_the_same_bytes() -> None:
    rng, ctx = random.Random(15), _context()
    written = [generators.pycrdt_update(rng, ctx) for _ in range(150)]
    written += generators.js_updates(15, 150, store.seed_update(FIELDS))
    kinds = set()
    for update in written:
        decoded = y.decode(update)
        kinds |= {b.content.ref for g in decoded.groups for b in g.blocks if b.content is not None}
        assert y.encode(decoded) == update, update.hex()
    assert {y.STRING, y.FORMAT, y.EMBED, y.TYPE, y.ANY, y.DELETED} <= kinds, kinds


def test_a_hand_written_update_is_one_pycrdt_reads() -> None:
    update = y.encode(y.text_item(99, 0, "Grüße", "goal"))
    doc: Doc = store.new_doc()
    doc.apply_update(update)
    assert store.text_of(doc)["goal"] == "Grüße"


def test_the_seeds_character_ids_are_where_the_probe_found_them() -> None:
    ids = generators.seed_ids(FIELDS)
    assert ids[0] == (1, 0) and (1, 5) in ids and len(ids) == len("Vorschlag 1Ausgangslage.")
