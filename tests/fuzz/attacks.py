"""One attack the live-editing fuzzer sends (a frame, and how the server answered it), the campaign's counts,
and frames that are wrong at the message level rather than in their Yjs content."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from server.collab import protocol as P
from tests.fuzz.generators import HUGE

Frame = bytes | str


@dataclass
class Attack:
    what: str
    frame: Frame
    close_code: int | None = None
    close_reason: str = ""

    def describe(self) -> str:
        data = self.frame.encode() if isinstance(self.frame, str) else self.frame
        closed = "" if self.close_code is None else f" → geschlossen {self.close_code} {self.close_reason!r}"
        return f"{self.what} ({len(data)} Bytes) {data[:48].hex()}{'…' if len(data) > 48 else ''}{closed}"


@dataclass
class Stats:
    batches: int = 0
    frames: int = 0
    closes: dict[int, int] = field(default_factory=dict)

    def closed(self, code: int) -> None:
        self.closes[code] = self.closes.get(code, 0) + 1


def protocol_frame(rng: random.Random) -> tuple[str, Frame]:
    """Frames wrong at the message level, not in the Yjs content."""
    kind = rng.randrange(8)
    if kind == 0:
        return "Textrahmen", rng.choice(['{"type":"update"}', "", "ä" * 100])
    if kind == 1:
        return "übergroß", bytes([0, 2]) + P.var_uint(1_048_600) + b"\x00" * 1_048_600
    if kind == 2:
        return "unbekannter Typ", P.var_uint(rng.choice([4, 7, 127, 2**32, 2**63])) + b"\x00"
    if kind == 3:
        return "Länge über die Daten hinaus", bytes([0, rng.choice([0, 1, 2])]) + P.var_uint(rng.choice(HUGE))
    if kind == 4:
        return "Zustandsvektor", P.sync_step1(
            P.var_uint(1) + P.var_uint(rng.choice([1, 2**64 - 1])) + P.var_uint(2**62)
        )
    if kind == 5:
        return "auth", P.var_uint(P.AUTH) + P.var_uint(rng.randrange(3)) + b"\x05hallo"
    if kind == 6:
        return "Anwesenheitsabfrage", P.var_uint(P.QUERY_AWARENESS)
    return "leerer Rahmen", b""


def differences(seen: dict[str, str], expected: dict[str, str]) -> str:
    """The fields that differ, each cut to its first 120 characters."""
    return "; ".join(
        f"{name}: {seen.get(name, '')[:120]!r} statt {expected.get(name, '')[:120]!r}"
        for name in sorted(set(seen) | set(expected))
        if seen.get(name) != expected.get(name)
    )
