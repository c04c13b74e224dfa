"""The y-websocket wire format: one message per binary frame.

A message starts with a varUint type: 0 sync (then a varUint subtype: 0 step 1,
1 step 2, 2 update, and a length-prefixed payload), 1 awareness (a
length-prefixed awareness update), 2 auth (0 = permission denied, then a
string), 3 query awareness. Malformed input raises ``ProtocolError``.
"""

from __future__ import annotations

from dataclasses import dataclass

SYNC, AWARENESS, AUTH, QUERY_AWARENESS = 0, 1, 2, 3
STEP1, STEP2, UPDATE = 0, 1, 2
PERMISSION_DENIED = 0


class ProtocolError(Exception):
    """The frame does not follow the y-websocket protocol."""


def var_uint(number: int) -> bytes:
    out = bytearray()
    while number > 0x7F:
        out.append(0x80 | (number & 0x7F))
        number >>= 7
    out.append(number)
    return bytes(out)


def var_bytes(data: bytes) -> bytes:
    return var_uint(len(data)) + data


class Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = 0

    def uint(self) -> int:
        number = shift = 0
        while True:
            if self.position >= len(self.data):
                raise ProtocolError("Nachricht endet mitten in einer Zahl")
            byte = self.data[self.position]
            self.position += 1
            number |= (byte & 0x7F) << shift
            if byte < 0x80:
                return number
            shift += 7
            if shift > 63:
                raise ProtocolError("Zahl zu groß")

    def bytes(self) -> bytes:
        length = self.uint()
        end = self.position + length
        if end > len(self.data):
            raise ProtocolError("Längenangabe größer als die Nachricht")
        value = self.data[self.position : end]
        self.position = end
        return value

    def string(self) -> str:
        try:
            return self.bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError("Text ist kein gültiges UTF-8") from None


@dataclass(frozen=True, slots=True)
class Message:
    kind: int
    subtype: int = 0
    payload: bytes = b""


def parse(frame: bytes) -> Message:
    reader = Reader(frame)
    kind = reader.uint()
    if kind == SYNC:
        subtype = reader.uint()
        if subtype not in (STEP1, STEP2, UPDATE):
            raise ProtocolError(f"unbekannter Sync-Nachrichtentyp {subtype}")
        return Message(SYNC, subtype, reader.bytes())
    if kind == AWARENESS:
        return Message(AWARENESS, 0, reader.bytes())
    if kind == QUERY_AWARENESS:
        return Message(QUERY_AWARENESS)
    if kind == AUTH:
        return Message(AUTH, reader.uint())
    raise ProtocolError(f"unbekannter Nachrichtentyp {kind}")


def sync_step1(state_vector: bytes) -> bytes:
    return var_uint(SYNC) + var_uint(STEP1) + var_bytes(state_vector)


def sync_step2(update: bytes) -> bytes:
    return var_uint(SYNC) + var_uint(STEP2) + var_bytes(update)


def sync_update(update: bytes) -> bytes:
    return var_uint(SYNC) + var_uint(UPDATE) + var_bytes(update)


def awareness(update: bytes) -> bytes:
    return var_uint(AWARENESS) + var_bytes(update)


def permission_denied(reason: str) -> bytes:
    return var_uint(AUTH) + var_uint(PERMISSION_DENIED) + var_bytes(reason.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class AwarenessEntry:
    client_id: int
    clock: int
    state: str  # JSON text, "null" when the client left


def parse_awareness(update: bytes, validate: bool = True) -> list[AwarenessEntry]:
    """The entries of an awareness update; ``validate=False`` leaves checking the states' JSON to
    :func:`check_states` (for the few entries that are passed on)."""
    reader = Reader(update)
    count = reader.uint()
    if count > 10_000:
        raise ProtocolError("zu viele Einträge in der Anwesenheitsnachricht")
    entries = []
    for _ in range(count):
        entry = AwarenessEntry(reader.uint(), reader.uint(), reader.string())
        if entry.client_id > MAX_SAFE_INTEGER or entry.clock > MAX_SAFE_INTEGER:
            raise ProtocolError("Client-Kennung oder Uhr der Anwesenheit außerhalb des gültigen Bereichs")
        entries.append(entry)
    if validate:
        check_states(entries)
    return entries


MAX_SAFE_INTEGER = 2**53 - 1  # client ids and clocks beyond this break every yjs client (lib0's readVarUint)
MAX_STATE_DEPTH = 32  # nesting of a presence state's JSON (a cursor and a name need three)


def check_states(entries: list[AwarenessEntry]) -> None:
    from server.collab.updates import json_depth, strict_json

    for entry in entries:
        if json_depth(entry.state) > MAX_STATE_DEPTH:
            raise ProtocolError(f"Anwesenheitszustand zu tief verschachtelt (höchstens {MAX_STATE_DEPTH} Ebenen)")
        if not strict_json(entry.state):
            raise ProtocolError("Anwesenheitszustand ist kein JSON")


def encode_awareness(entries: list[AwarenessEntry]) -> bytes:
    out = bytearray(var_uint(len(entries)))
    for entry in entries:
        out += var_uint(entry.client_id) + var_uint(entry.clock) + var_bytes(entry.state.encode("utf-8"))
    return bytes(out)


def state_is_null(entry: AwarenessEntry) -> bool:
    return entry.state == "null"
