"""Yjs updates for the live-editing fuzzer: random edits written by pycrdt and by the real yjs client,
then mutated with knowledge of the format (foreign and deleted parents, other roots, client ids,
clocks, lengths far beyond the data, deep nesting, spliced documents, duplicates) or of bytes only.

Everything draws from one ``random.Random``: a seed gives the same updates again.
"""

from __future__ import annotations

import base64
import contextlib
import json
import random
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pycrdt import Array, Doc, Map, Text, XmlElement, XmlFragment, XmlText

from domain.texts import PROPOSAL_FIELDS
from tests.fuzz import yjs_codec as y

JS_GENERATOR = Path(__file__).parents[1] / "js" / "fuzz_updates.mjs"
OTHER_ROOTS = ("zzz_hidden", "farbe", "", "title ", "Title", "__proto__", "ä" * 40, "x" * 5000)
CLIENT_IDS = (0, 1, 2, 2**31, 2**32, 2**53 - 1, 2**53, 2**53 + 1, 2**63 - 1, 2**64 - 1)
HUGE = (2**31, 2**32 + 7, 2**53, 2**62, 2**63 - 1, 2**64 - 1)
WORDS = (" Straße", "ß", " 😀", "\u202e", " Kinder", "\n", "x", "€", "\x00", "\ufeff")


@dataclass
class Context:
    """What the attacker knows of the room: its document, items of the seed and of other people,
    updates of other documents to splice in, and updates it sent before (to replay)."""

    doc: Doc
    known_ids: list[y.ID] = field(default_factory=list)
    foreign_updates: list[bytes] = field(default_factory=list)
    sent: list[bytes] = field(default_factory=list)
    js_pool: list[bytes] = field(default_factory=list)
    # False: leave out the inputs of the defects still open (OPEN_DEFECTS), so a run can find others.
    open_defects: bool = True


# Defects found by this fuzzer in the server with the probe's fixes and still open, each pinned by a strict
# xfail test of tests/fuzz/test_collab_structured.py: the inputs that trigger them, for Context.open_defects.
# (Fixed since, their tests now plain: client ids beyond 2^53 - 1, known clocks of a client with other
# content, presence JSON a browser refuses, presence for thousands of client ids from one connection.)
OPEN_DEFECTS = {
    "format or embed JSON Python reads and yrs does not (1e999, NaN, Infinity, lone surrogates)": (
        "accepted, then yrs fails to apply it: the room is reset and everyone in it disconnected (1012)"
    ),
}
YRS_REFUSES_JSON = ("1e999", "NaN", "-Infinity", '"\\ud800"', '{"a": 1e999}')


def seed_ids(fields: dict[str, str]) -> list[y.ID]:
    """The ids of the seed's characters (client 1, one clock per UTF-16 unit, fields in order)."""
    length = sum(len(fields.get(f, "").encode("utf-16-le")) // 2 for f in PROPOSAL_FIELDS)
    return [(1, clock) for clock in range(length)]


def js_updates(seed: int, count: int, base: bytes) -> list[bytes]:
    """Updates the real yjs library writes from random edits on ``base`` (tests/js/fuzz_updates.mjs)."""
    node = shutil.which("node")
    if node is None or not (JS_GENERATOR.parent / "node_modules" / "yjs").is_dir():
        raise RuntimeError("node und tests/js/node_modules werden gebraucht (make test führt npm ci aus)")
    command = [node, str(JS_GENERATOR), "--seed", str(seed), "--count", str(count)]
    command += ["--base", base64.b64encode(base).decode("ascii")]
    out = subprocess.run(command, capture_output=True, check=True, timeout=60).stdout
    return [base64.b64decode(json.loads(line)["update"]) for line in out.splitlines()]


# --- pycrdt: random edits -------------------------------------------------------------------------


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))


def _value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(5 if depth > 2 else 7)
    if kind == 0:
        return None
    if kind == 1:
        return rng.random() < 0.5
    if kind == 2:
        return rng.randint(-(2**53), 2**53)
    if kind == 3:
        return _word(rng)
    if kind == 4:
        return rng.random() * 1e9
    if kind == 5:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(3))]
    return {_word(rng): _value(rng, depth + 1)}


def _shared(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(2 if depth > 3 else 6)
    if kind == 0:
        return Text(_word(rng))
    if kind == 1:
        return _value(rng, depth)
    if kind == 2:
        return Map({_word(rng): _shared(rng, depth + 1)})
    if kind == 3:
        return Array([_shared(rng, depth + 1)])
    if kind == 4:
        return XmlElement("p", {}, [XmlText(_word(rng))])
    return Array([_value(rng) for _ in range(rng.randrange(4))])


def _text_edit(rng: random.Random, text: Text) -> None:
    length = len(text)  # UTF-8 bytes, as pycrdt counts
    kind = rng.randrange(6)
    if kind == 0 or length == 0:
        attrs = {"bold": True, "link": _word(rng)} if rng.random() < 0.3 else None
        text.insert(rng.randint(0, length), _word(rng), attrs)
    elif kind == 1:
        start = rng.randrange(length)
        del text[start : rng.randint(start + 1, length)]
    elif kind == 2:
        start = rng.randrange(length)
        text.format(start, rng.randint(start + 1, length), {rng.choice(["bold", "italic", _word(rng)]): _value(rng)})
    elif kind == 3:
        text.insert_embed(rng.randint(0, length), {"image": _word(rng)})
    elif kind == 4:
        text.insert(rng.randint(0, length), "Sehr viel Text. " * rng.choice([100, 10_000, 56_000]))
    else:
        text.insert_embed(rng.randint(0, length), _value(rng))


def _edit(rng: random.Random, doc: Doc) -> None:
    kind = rng.randrange(10)
    if kind < 6:
        _text_edit(rng, doc.get(rng.choice(PROPOSAL_FIELDS), type=Text))
        return
    root = f"{rng.choice(OTHER_ROOTS)}{kind}"  # a root's type is fixed by its first use: one name per kind
    if kind == 6:
        doc.get(root, type=Map)[_word(rng)] = _shared(rng)
    elif kind == 7:
        doc.get(root, type=Array).append(_shared(rng))
    elif kind == 8:
        doc.get(root, type=XmlFragment).children.append(XmlElement("div", {"a": _word(rng)}))
    else:
        _text_edit(rng, doc.get(root, type=Text))


def pycrdt_update(rng: random.Random, ctx: Context) -> bytes:
    """A few random edits on a copy of the attacker's document, by a random client id."""
    small = [c for c in CLIENT_IDS[2:] if c < 2**53]  # pycrdt takes no more (yjs: see mutations)
    for _ in range(5):
        doc: Doc = Doc(client_id=rng.choice([rng.randint(2, 2**53 - 1), rng.choice(small)]))
        doc.apply_update(ctx.doc.get_update())
        before = doc.get_state()
        try:
            with doc.transaction():
                for _ in range(rng.randint(1, 4)):
                    with contextlib.suppress(Exception):  # an index pycrdt refuses: the other edits stand
                        _edit(rng, doc)
            return doc.get_update(before)
        except BaseException as error:  # pycrdt panics (a BaseException) on some edits: a new document
            if not type(error).__name__ == "PanicException":
                raise
    return doc.get_update(before)


# --- mutations with knowledge of the format --------------------------------------------------------


def _some_id(rng: random.Random, ctx: Context, update: y.Update) -> y.ID:
    choices = ctx.known_ids or [(1, 5)]
    kind = rng.randrange(4)
    if kind == 0 and update.ids():
        return rng.choice(update.ids())  # an item of the same update (maybe a string, maybe deleted by it)
    if kind == 1:
        return (rng.choice(CLIENT_IDS), rng.choice([0, 1, 5, 2**32, 2**53 + 3]))  # no such item
    return rng.choice(choices)  # the seed's or another person's item: often a character, not a type


def _items(update: y.Update) -> list[y.Block]:
    return [b for g in update.groups for b in g.blocks if b.content is not None]


def _reparent(rng: random.Random, ctx: Context, u: y.Update) -> None:
    for block in rng.sample(_items(u), k=min(len(_items(u)), rng.randint(1, 2))):
        block.origin = block.right_origin = None
        block.parent = _some_id(rng, ctx, u) if rng.random() < 0.7 else rng.choice(OTHER_ROOTS)
        if rng.random() < 0.2:
            block.parent_sub = _word(rng)


def _origins(rng: random.Random, ctx: Context, u: y.Update) -> None:
    for block in _items(u)[: rng.randint(1, 3)]:
        if rng.random() < 0.5:
            block.origin = _some_id(rng, ctx, u)
        else:
            block.right_origin = _some_id(rng, ctx, u)


def _client_or_clock(rng: random.Random, ctx: Context, u: y.Update) -> None:
    group = rng.choice(u.groups)
    if rng.random() < 0.6:
        group.client = rng.choice([*CLIENT_IDS, *(c for c, _ in ctx.known_ids[-3:])])
    else:
        group.clock = rng.choice([0, 1, 7, *HUGE])


def _lengths(rng: random.Random, ctx: Context, u: y.Update) -> None:
    kind = rng.randrange(5)
    huge = rng.choice(HUGE)
    if kind == 0:
        rng.choice(u.groups).blocks.append(y.Block(ref=rng.choice([y.GC_REF, y.SKIP_REF]), length=huge))
    elif kind == 1 and _items(u):
        rng.choice(_items(u)).content = y.Content(y.DELETED, length=huge)
    elif kind == 2:
        u.deletes.append((rng.choice([1, *CLIENT_IDS]), [(rng.choice([0, *HUGE]), huge)]))
    elif _items(u):  # a count or byte length far beyond the data that follows
        claim = y.var_uint(huge) + bytes(rng.randrange(256) for _ in range(rng.randrange(6)))
        block = rng.choice(_items(u))
        block.content = y.Content(rng.choice([y.JSON, y.BINARY, y.STRING, y.EMBED, y.ANY, y.FORMAT]), raw=claim)


def _contents(rng: random.Random, ctx: Context, u: y.Update) -> None:
    if not _items(u):
        return
    block = rng.choice(_items(u))
    block.content = rng.choice(
        [
            y.Content(y.TYPE, type_ref=rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 15, 2**32]), name=_word(rng)),
            y.Content(y.DOC, text=_word(rng), data=y.any_value({"gc": False})),
            y.Content(y.FORMAT, text=_word(rng), value=rng.choice(["{", "undefined", "null", *_yrs_refuses(ctx)])),
            y.Content(y.EMBED, text=rng.choice(['{"image": "x"}', *_yrs_refuses(ctx)])),
            y.Content(y.EMBED, text=rng.choice(["{", "", "[" * 1000])),
            y.Content(y.JSON, length=2, values=[b"undefined", b"{not json"]),
            y.Content(y.BINARY, data=bytes(rng.randrange(256) for _ in range(rng.randrange(64)))),
            y.Content(rng.choice([11, 12, 30, 31])),  # refs nobody knows
        ]
    )


def _duplicates(rng: random.Random, ctx: Context, u: y.Update) -> None:
    group = rng.choice(u.groups)
    if rng.random() < 0.5:
        u.groups.append(y.Group(group.client, group.clock, list(group.blocks)))
    elif group.blocks:
        group.blocks.insert(rng.randrange(len(group.blocks)), rng.choice(group.blocks))


def _deletes(rng: random.Random, ctx: Context, u: y.Update) -> None:
    target = rng.choice(ctx.known_ids or [(1, 0)])
    ranges = [(target[1], rng.choice([0, 1, 3, 1000])), (0, 1), (target[1], 2)]
    u.deletes.append((rng.choice([target[0], target[0], 2**64 - 1]), rng.sample(ranges, k=rng.randint(1, 3))))


def _splice(rng: random.Random, ctx: Context, u: y.Update) -> None:
    if ctx.foreign_updates:
        try:
            other = y.decode(rng.choice(ctx.foreign_updates))
        except y.DecodeError:
            return
        u.groups += other.groups
        u.deletes += other.deletes


def _yrs_refuses(ctx: Context) -> tuple[str, ...]:
    return YRS_REFUSES_JSON if ctx.open_defects else ()


STRUCTURAL: list[Callable[[random.Random, Context, y.Update], None]] = [
    _reparent, _reparent, _origins, _client_or_clock, _lengths, _contents, _duplicates, _deletes, _splice,
]  # fmt: skip


def _bytes(rng: random.Random, ctx: Context, data: bytes) -> bytes:
    out = bytearray(data or b"\x00")
    kind = rng.randrange(6)
    if kind == 0:
        for _ in range(rng.randint(1, 4)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    elif kind == 1:
        return bytes(out[: rng.randrange(len(out))])
    elif kind == 2:
        out[rng.randrange(len(out))] = rng.choice([0x00, 0x7F, 0x80, 0xFF, 0x01])
    elif kind == 3:
        at = rng.randrange(len(out) + 1)
        out[at:at] = y.var_uint(rng.choice(HUGE))
    elif kind == 4 and ctx.foreign_updates:
        other = rng.choice(ctx.foreign_updates)
        return bytes(out[: rng.randrange(len(out) + 1)]) + other[rng.randrange(len(other) + 1) :]
    else:
        start = rng.randrange(len(out))
        out[start:start] = out[start : start + rng.randint(1, 16)]
    return bytes(out)


def mutate(rng: random.Random, ctx: Context, data: bytes) -> bytes:
    """One to three mutations of the update's structure, or else of its bytes."""
    try:
        update = y.decode(data)
    except y.DecodeError:
        return _bytes(rng, ctx, data)
    if rng.random() < 0.2 or not update.groups:
        return _bytes(rng, ctx, data)
    for mutation in rng.choices(STRUCTURAL, k=rng.randint(1, 3)):
        mutation(rng, ctx, update)
    return y.encode(update)


# --- updates written by hand from the grammar -------------------------------------------------------


def crafted(rng: random.Random, ctx: Context) -> bytes:
    """Updates no editor writes: a block under an item that is not a type (the probe's ``<1#5>``),
    types nested thousands deep, "any" values nested 100,000 deep, 900,000 characters at once."""
    client, kind = rng.choice([rng.randint(2, 2**32), *CLIENT_IDS]), rng.randrange(6)
    if kind == 0:
        target = _some_id(rng, ctx, y.Update([], []))
        update = y.text_item(client, 0, _word(rng), target)
        if rng.random() < 0.3:  # under an item deleted by the same update
            update.deletes.append((target[0], [(target[1], 1)]))
        elif rng.random() < 0.5:  # with an honest-looking second block and a deletion, as the probe had
            update.groups[0].blocks.append(y.Block(y.Content(y.STRING, text="abc"), parent="goal", ref=y.STRING))
            update.deletes.append((1, [(0, 3)]))
        return y.encode(update)
    if kind == 1:  # each type the child of the one before
        depth = rng.choice([100, 5000, 20_000])
        first = y.Block(y.Content(y.TYPE, type_ref=0), parent=rng.choice([*PROPOSAL_FIELDS, *OTHER_ROOTS]), ref=y.TYPE)
        chain = [first] + [y.Block(y.Content(y.TYPE, type_ref=0), parent=(client, i), ref=y.TYPE) for i in range(depth)]
        return y.encode(y.Update([y.Group(client, 0, chain)], []))
    if kind == 2:
        depth = rng.choice([1000, 100_000, 300_000])
        nested = b"\x75\x01" * depth + b"\x7e"
        block = y.Block(y.Content(y.ANY, length=1, values=[nested]), parent=rng.choice(PROPOSAL_FIELDS), ref=y.ANY)
        return y.encode(y.Update([y.Group(client, 0, [block])], []))
    if kind == 3:
        depth = rng.choice([1000, 100_000])
        embed = y.Content(y.EMBED, text="[" * depth + "]" * depth)
        return y.encode(y.Update([y.Group(client, 0, [y.Block(embed, parent="goal", ref=y.EMBED)])], []))
    if kind == 4:
        root = rng.choice([*PROPOSAL_FIELDS, "zzz_hidden"])
        return y.encode(y.text_item(client, 0, "x" * rng.choice([900_000, 100_000]), root))
    update = y.text_item(client, 0, _word(rng), rng.choice(PROPOSAL_FIELDS), parent_sub=_word(rng))
    return y.encode(update)  # a map entry in a text field


def update_frame(rng: random.Random, ctx: Context) -> bytes:
    """One document update to send: written by pycrdt, by yjs, or by hand, mutated or not, or replayed."""
    kind = rng.random()
    if kind < 0.05 and ctx.sent:
        return rng.choice(ctx.sent)  # a replay
    if kind < 0.2:
        return crafted(rng, ctx)
    data = rng.choice(ctx.js_pool) if kind < 0.55 and ctx.js_pool else pycrdt_update(rng, ctx)
    return mutate(rng, ctx, data) if rng.random() < 0.7 else data
