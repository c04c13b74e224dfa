"""Mutations of Yjs updates for the live-editing fuzzer, with knowledge of the format (foreign and deleted
parents, other roots, client ids, clocks, lengths far beyond the data, contents no proposal has, deep nesting,
spliced documents, duplicates) or of bytes only; updates written by hand from the grammar; and the choice
among all of these (:func:`update_frame`).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from domain.texts import PROPOSAL_FIELDS
from tests.fuzz import yjs_codec as y
from tests.fuzz.generators import (
    CLIENT_IDS,
    HUGE,
    OTHER_ROOTS,
    YRS_REFUSES_JSON,
    Context,
    pycrdt_update,
    word,
)

# --- mutations with knowledge of the format --------------------------------------------------------


def _some_id(rng: random.Random, ctx: Context, update: y.Update) -> y.ID:
    choices = ctx.known_ids or [(1, 5)]
    kind = rng.randrange(4)
    if kind == 0 and update.ids() and ctx.open_defects:  # maybe the block's own id, or a later one: open defect
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
            block.parent_sub = word(rng)


def _origins(rng: random.Random, ctx: Context, u: y.Update) -> None:
    for block in _items(u)[: rng.randint(1, 3)]:
        if not ctx.open_defects:  # one of the two alone: open defect (generators.OPEN_DEFECTS); here both, as
            # neighbours: a known item and the next of its client (in the seed also across two fields' border)
            client, clock = _some_id(rng, ctx, u)
            block.origin, block.right_origin = (client, clock), (client, clock + 1)
        elif rng.random() < 0.5:
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
    if kind == 0:  # a GC range from a client: open defect, see generators.OPEN_DEFECTS
        refs = [y.GC_REF, y.SKIP_REF] if ctx.open_defects else [y.SKIP_REF]
        rng.choice(u.groups).blocks.append(y.Block(ref=rng.choice(refs), length=huge))
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
            y.Content(y.TYPE, type_ref=rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 15, 2**32]), name=word(rng)),
            y.Content(y.DOC, text=word(rng), data=y.any_value({"gc": False})),
            y.Content(y.FORMAT, text=word(rng), value=rng.choice(["{", "undefined", "null", *_yrs_refuses(ctx)])),
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
        update = y.text_item(client, 0, word(rng), target)
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
    update = y.text_item(client, 0, word(rng), rng.choice(PROPOSAL_FIELDS), parent_sub=word(rng))
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
