"""Awareness (presence) messages for the live-editing fuzzer, from a small grammar.

message := varUint count, then count × (varUint client id, varUint clock, varString state)
state   := a y-websocket presence object | null | deep JSON ("[" × 100,000) | a huge string
           | not JSON | bytes that are not UTF-8
plus: many entries (beyond the server's 10,000), clocks going back, client ids of other people
(the honest editor's), numbers longer than 64 bits, counts and lengths beyond the data.
"""

from __future__ import annotations

import json
import random

from tests.fuzz.yjs_codec import var_uint

NAMES = ("Anja", "Bo", "Ümit", "😀", "\u202e", "", "x" * 300)
BIG_IDS = (0, 1, 2**32, 2**53, 2**63 - 1, 2**64 - 1)


def entry(client_id: int, clock: int, state: bytes) -> bytes:
    return var_uint(client_id) + var_uint(clock) + var_uint(len(state)) + state


def message(entries: list[bytes], count: int | None = None) -> bytes:
    """The awareness update (without the message type): ``count`` may lie about the entries."""
    return var_uint(len(entries) if count is None else count) + b"".join(entries)


def presence_state(rng: random.Random) -> dict[str, object]:
    return {
        "user": {"name": rng.choice(NAMES), "color": rng.choice(["#30bced", "red", "", None, 7])},
        "cursor": rng.choice([None, {"field": "description", "index": rng.randint(-5, 2**60)}, [], "goal"]),
    }


def state(rng: random.Random) -> bytes:
    kind = rng.randrange(12)
    if kind < 4:
        return json.dumps(presence_state(rng)).encode()
    if kind == 4:
        return b"null"
    if kind == 5:
        return rng.choice([b"[", b'{"a":']) * rng.choice([1000, 100_000, 400_000])  # deep, unclosed
    if kind == 6:
        depth = rng.choice([1000, 100_000])
        return b"[" * depth + b"]" * depth  # deep and well-formed
    if kind == 7:
        return json.dumps({"user": {"name": "x" * rng.choice([10_000, 900_000])}}).encode()
    if kind == 8:
        return rng.choice([b"\xff\xfe", b'{"name": "\xc3"}', b"\xed\xa0\x80", b"\x00"])  # not UTF-8
    if kind == 9:
        return rng.choice([b"{not json", b"1e99999", b'"\\ud800"', b"", b" ", b"NaN", b"-Infinity"])
    if kind == 10:
        return json.dumps([presence_state(rng)] * rng.randint(1, 50)).encode()
    return json.dumps(rng.choice([1, "x", True, [], {}])).encode()


def awareness_update(rng: random.Random, own: int, honest: list[int]) -> bytes:
    """An awareness update from the attacker, whose own client id is ``own``."""
    kind = rng.randrange(10)
    ids = [own, own, *honest, *BIG_IDS, rng.randint(2, 2**53 - 1)]
    clocks = [0, 1, rng.randint(2, 2**40), *BIG_IDS]
    if kind == 0:  # many entries
        count = rng.choice([3, 9, 100, 9_999, 10_001, 50_000])
        return message([entry(own + i, 1, b"{}") for i in range(min(count, 20_000))], count)
    if kind == 1:  # clocks going back, on the attacker's id and on someone else's
        target = rng.choice([own, *honest])
        return message([entry(target, clock, state(rng)) for clock in (9, 3, 0, 2**64 - 1, 1)])
    if kind == 2:  # a count or length beyond the data
        return rng.choice(
            [var_uint(2**40), message([entry(own, 1, b"{}")], 5), var_uint(1) + var_uint(own) + b"\x01\xff\xff\x7f"]
        )
    if kind == 3:  # a number longer than 64 bits
        return b"\x01" + b"\xff" * 10 + b"\x01" + var_uint(1) + var_uint(2) + b"{}"
    entries = [entry(rng.choice(ids), rng.choice(clocks), state(rng))]
    entries += [entry(rng.choice(ids), rng.randint(0, 99), state(rng)) for _ in range(rng.randrange(3))]
    return message(entries)
