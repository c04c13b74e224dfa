"""Reading a Yjs update (v1 encoding) before it touches a document: the shape the server accepts.

A proposal document is eleven ``Y.Text`` fields and nothing else. An update may
insert text, formatting and embeds into those fields and delete what exists;
it may refer only to items the document already has or the update itself
brings. Anything else (another root type, a nested type, map entries, an item
whose parent is another item, references to unknown items, gaps, deep or huge
JSON in embeds) is refused before it is applied or stored: a corrupt or
hostile update must never reach the store, where every later load would meet it.

The layout follows Yjs' ``encoding.js`` (``writeStructs``, ``readItemContent``) and
``DeleteSet.js``; lib0 variable-length integers and strings.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MAX_JSON_DEPTH = 32  # nesting of an embed's or format attribute's JSON value
MAX_JSON_BYTES = 65_536  # one embed's or format attribute's JSON text
MAX_CLOCK = 2**53  # Yjs clocks are JavaScript numbers
MAX_CLIENT = 2**53 - 1  # so are client ids: larger ones break every yjs client (and pycrdt cuts them)
MAX_ENTRIES = 1_000_000  # structs, clients or delete ranges in one update

# Content kinds (the low five bits of a struct's info byte).
GC, DELETED, JSON, BINARY, STRING, EMBED, FORMAT, TYPE, ANY, DOC, SKIP = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
ALLOWED_CONTENT = {DELETED, STRING, EMBED, FORMAT}
CONTENT_NAMES = {JSON: "JSON", BINARY: "Binärdaten", TYPE: "verschachtelter Typ", ANY: "Werte", DOC: "Unterdokument"}
HAS_ORIGIN, HAS_RIGHT_ORIGIN, HAS_PARENT_SUB = 0x80, 0x40, 0x20


class InvalidUpdate(Exception):
    """The update cannot be read, or does not fit a proposal document; the message says why (German)."""


class MissingDependencies(InvalidUpdate):
    """Well-formed, but builds on changes the document does not have (yet): the sender should sync first."""


@dataclass
class UpdateSummary:
    """What an update brings: per field, the UTF-8 bytes of text it inserts where the field is known."""

    inserted_bytes: int = 0  # all inserted text, embeds and format values
    by_field: dict[str, int] = field(default_factory=dict)
    unattributed_bytes: int = 0  # inserted next to existing items: which field is not known here
    brought: dict[int, tuple[int, int]] = field(default_factory=dict)  # client → [first, next) clock


class _Reader:
    __slots__ = ("data", "position")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = 0

    def uint(self) -> int:
        number = shift = 0
        data, position = self.data, self.position
        while True:
            if position >= len(data):
                raise InvalidUpdate("Aktualisierung endet mitten in einer Zahl")
            byte = data[position]
            position += 1
            number |= (byte & 0x7F) << shift
            if byte < 0x80:
                self.position = position
                return number
            shift += 7
            if shift > 56:
                raise InvalidUpdate("Zahl in der Aktualisierung zu groß")

    def byte(self) -> int:
        if self.position >= len(self.data):
            raise InvalidUpdate("Aktualisierung endet vorzeitig")
        value = self.data[self.position]
        self.position += 1
        return value

    def raw(self) -> bytes:
        length = self.uint()
        end = self.position + length
        if end > len(self.data):
            raise InvalidUpdate("Längenangabe größer als die Aktualisierung")
        value = self.data[self.position : end]
        self.position = end
        return value

    def string(self) -> str:
        try:
            return self.raw().decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidUpdate("Text in der Aktualisierung ist kein gültiges UTF-8") from None


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (without parsing it)."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:  # the common case, at C speed
        return text.count("[") + text.count("{")
    depth = deepest = 0
    in_string = escaped = False
    for character in text:
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    return deepest
        elif character in "]}":
            depth -= 1
    return deepest


def _check_json(text: str, what: str) -> None:
    if len(text) > MAX_JSON_BYTES:
        raise InvalidUpdate(f"{what} zu groß (höchstens {MAX_JSON_BYTES} Zeichen)")
    if json_depth(text) > MAX_JSON_DEPTH:
        raise InvalidUpdate(f"{what} zu tief verschachtelt (höchstens {MAX_JSON_DEPTH} Ebenen)")
    if not strict_json(text):
        raise InvalidUpdate(f"{what} ist kein gültiges JSON")


def _refuse(_: str) -> float:
    raise ValueError("not JSON")


def _finite(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise ValueError("out of range")
    return number


def strict_json(text: str) -> bool:
    """Whether ``text`` is JSON as every reader takes it: no NaN or Infinity, no number beyond a double,
    no lone surrogate (Python's reader takes all three; yrs and the browsers' JSON.parse do not)."""
    try:
        value = json.loads(text, parse_constant=_refuse, parse_float=_finite)
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError, UnicodeEncodeError):
        return False
    return not _has_huge_integer(value)


def _has_huge_integer(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) > 2**63
    if isinstance(value, dict):
        return any(_has_huge_integer(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_huge_integer(v) for v in value)
    return False


def _utf16_length(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass(slots=True)
class _Struct:
    client: int
    clock: int
    length: int
    origin: tuple[int, int] | None
    right_origin: tuple[int, int] | None
    parent_key: str | None
    inserted: int  # UTF-8 bytes of text, embed or format value


def _read_struct(reader: _Reader, client: int, clock: int, fields: frozenset[str]) -> _Struct:
    info = reader.byte()
    kind = info & 0x1F
    if kind in (GC, SKIP):
        return _Struct(client, clock, reader.uint(), None, None, None, -1 if kind == SKIP else 0)
    origin = (reader.uint(), reader.uint()) if info & HAS_ORIGIN else None
    right_origin = (reader.uint(), reader.uint()) if info & HAS_RIGHT_ORIGIN else None
    parent_key = None
    if not info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN):
        if reader.uint() != 1:
            raise InvalidUpdate("Element mit einem anderen Element als Elternteil (nur die Textfelder sind erlaubt)")
        parent_key = reader.string()
        if parent_key not in fields:
            raise InvalidUpdate(f"unbekanntes Feld „{parent_key[:40]}“ (erlaubt sind nur die Textfelder)")
        if info & HAS_PARENT_SUB:
            raise InvalidUpdate("Schlüssel-Einträge in einem Textfeld sind nicht erlaubt")
    if kind not in ALLOWED_CONTENT:
        name = CONTENT_NAMES.get(kind, f"Inhaltsart {kind}")
        raise InvalidUpdate(f"{name} ist in einem Vorschlag nicht erlaubt (nur Text, Formatierung und Einbettungen)")
    inserted = 0
    if kind == DELETED:
        length = reader.uint()
    elif kind == STRING:
        text = reader.string()
        length, inserted = _utf16_length(text), len(text.encode("utf-8"))
    elif kind == EMBED:
        text = reader.string()
        _check_json(text, "Eingebettetes Objekt")
        length, inserted = 1, len(text)
    else:  # FORMAT: a key and a JSON value
        key, value = reader.string(), reader.string()
        _check_json(value, "Formatierung")
        length, inserted = 1, len(key) + len(value)
    if length < 1:
        raise InvalidUpdate("Element ohne Länge")
    return _Struct(client, clock, length, origin, right_origin, parent_key, inserted)


def check_update(update: bytes, state: Mapping[int, int], fields: Iterable[str], live: bool = False) -> UpdateSummary:
    """Read ``update`` against a document whose state vector is ``state`` (client → next clock).

    Raises :class:`InvalidUpdate` when the update cannot be read, does not fit the
    proposal's shape, or depends on anything the document does not have. ``live``: a
    client's update, which must bring only what is new (a stored history holds checkpoints
    and the updates they contain, so a replay meets known blocks again and skips them).

    The shape nearly every keystroke has (:func:`_typed_text`) is read on a short path with
    the same result; anything else, and anything the short path does not accept, is read in full.
    """
    summary = _typed_text(update, state)
    if summary is not None:
        return summary
    return read_update(update, state, fields, live)


def _typed_text(update: bytes, state: Mapping[int, int]) -> UpdateSummary | None:
    """The summary of the commonest live update, or None for any other (the full reading decides).

    That update is one client's one block of text placed next to known items (a left and/or a
    right neighbour, so no field named), at exactly the clock the document expects from that
    client, and no deletions: ``01 01 <client> <clock> <info> <origin…> <text> 00``. What
    :func:`read_update` would conclude for it is then known: the text's bytes are unattributed
    (its field follows from the neighbours, once applied), the block is what the client brings.
    """
    if len(update) < 8 or update[0] != 1 or update[1] != 1 or update[-1] != 0:
        return None
    reader = _Reader(update)
    reader.position = 2
    try:
        client, clock = reader.uint(), reader.uint()
        info = reader.byte()
        if info & 0x1F != STRING or not info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN) or info & HAS_PARENT_SUB:
            return None
        origin = (reader.uint(), reader.uint()) if info & HAS_ORIGIN else None
        right_origin = (reader.uint(), reader.uint()) if info & HAS_RIGHT_ORIGIN else None
        text = reader.string()
    except InvalidUpdate:
        return None
    if reader.position != len(update) - 1 or client > MAX_CLIENT or clock != state.get(client, 0):
        return None  # trailing bytes or deletions, or not the next clock: the full reading says why
    length = _utf16_length(text)
    if length < 1 or clock + length > MAX_CLOCK:
        return None
    for reference in (origin, right_origin):  # neighbours must be known (a block refers only to older ones)
        if reference is not None and reference[1] >= state.get(reference[0], 0):
            return None
    inserted = len(text.encode("utf-8"))
    return UpdateSummary(inserted, {}, inserted, {client: (clock, clock + length)})


def read_update(update: bytes, state: Mapping[int, int], fields: Iterable[str], live: bool = False) -> UpdateSummary:
    """:func:`check_update` without the short path: every update read in full."""
    allowed = frozenset(fields)
    reader = _Reader(update)
    summary = UpdateSummary()
    clients = reader.uint()
    if clients > MAX_ENTRIES:
        raise InvalidUpdate("zu viele Einträge in der Aktualisierung")
    structs: list[_Struct] = []
    brought = summary.brought  # client → [start, end) of the structs this update brings
    for _ in range(clients):
        count, client, clock = reader.uint(), reader.uint(), reader.uint()
        if count > MAX_ENTRIES or client in brought:
            raise InvalidUpdate("fehlerhafte Liste der Elemente")
        if client > MAX_CLIENT:
            raise InvalidUpdate("Client-Kennung außerhalb des gültigen Bereichs")
        start = clock
        for _ in range(count):
            struct = _read_struct(reader, client, clock, allowed)
            if clock < state.get(client, 0) < clock + struct.length:
                # Part known, part new: Yjs would keep the known part and place the rest after it, maybe in
                # another field than this one names. A client re-sending what it sent sends it whole.
                raise InvalidUpdate("Element überschneidet sich mit bereits bekannten Änderungen")
            if live and clock < state.get(client, 0) and struct.inserted != -1:
                # Known clocks again (with whatever content): yrs skips them, yjs may not. A client's sync
                # brings only what the server lacks, so the client is asked to sync instead.
                raise MissingDependencies("Aktualisierung enthält bereits bekannte Änderungen")
            clock += struct.length
            if clock > MAX_CLOCK:
                raise InvalidUpdate("Uhrzeit eines Elements außerhalb des gültigen Bereichs")
            if struct.inserted == -1:  # a skip: only over what the document already has
                if clock > state.get(client, 0):
                    raise MissingDependencies("Aktualisierung mit Lücke (es fehlen vorausgehende Änderungen)")
                continue
            structs.append(struct)
        if count and start > state.get(client, 0):
            raise MissingDependencies("Aktualisierung mit Lücke (es fehlen vorausgehende Änderungen)")
        brought[client] = (start, clock)

    def known(item: tuple[int, int], referrer: _Struct) -> bool:
        client, clock = item
        if clock < state.get(client, 0):
            return True
        if client == referrer.client and clock >= referrer.clock:  # a block refers only to older ones
            return False
        span = brought.get(client)
        return span is not None and span[0] <= clock < span[1]

    field_of: dict[tuple[int, int], str | None] = {}
    for struct in structs:
        for reference in (struct.origin, struct.right_origin):
            if reference is not None and not known(reference, struct):
                raise MissingDependencies("Verweis auf ein unbekanntes Element")
        summary.inserted_bytes += struct.inserted
        if struct.parent_key is not None:
            target: str | None = struct.parent_key
        else:  # next to an item of this same update, whose field may be known already
            neighbour = struct.origin or struct.right_origin
            target = field_of.get(neighbour) if neighbour is not None else None
        field_of[(struct.client, struct.clock)] = target
        if struct.inserted:
            if target is None:
                summary.unattributed_bytes += struct.inserted
            else:
                summary.by_field[target] = summary.by_field.get(target, 0) + struct.inserted
    _check_delete_set(reader, state, brought, live)
    if reader.position != len(update):
        raise InvalidUpdate("überzählige Bytes am Ende der Aktualisierung")
    return summary


def _check_delete_set(
    reader: _Reader, state: Mapping[int, int], brought: dict[int, tuple[int, int]], live: bool
) -> None:
    clients = reader.uint()
    if clients > MAX_ENTRIES:
        raise InvalidUpdate("zu viele Löschbereiche")
    named: set[int] = set()
    for _ in range(clients):
        client, ranges = reader.uint(), reader.uint()
        if ranges > MAX_ENTRIES:
            raise InvalidUpdate("zu viele Löschbereiche")
        if live and client in named:
            # yjs applies every list of a client named twice, yrs only the last: the same bytes would give the
            # server one text and every browser another. Neither library writes a client twice. (A stored one,
            # accepted before this check, still replays as the server showed it then: yrs's reading.)
            raise InvalidUpdate("Löschbereiche eines Clients mehrfach aufgeführt")
        named.add(client)
        limit = max(state.get(client, 0), brought.get(client, (0, 0))[1])
        for _ in range(ranges):
            clock, length = reader.uint(), reader.uint()
            if clock + length > limit:
                raise MissingDependencies("Löschung eines unbekannten Elements")


def advance(state: dict[int, int], summary: UpdateSummary) -> None:
    """``state`` after the checked update was applied: each client's clock past what it brought."""
    for client, (_, end) in summary.brought.items():
        if end > state.get(client, 0):
            state[client] = end


def crdt_failure(error: BaseException) -> bool:
    """An error of the CRDT library: an exception, or a panic in its Rust core (pyo3's ``PanicException``
    derives from BaseException, so ``except Exception`` lets it through)."""
    return isinstance(error, Exception) or type(error).__name__ == "PanicException"


def decode_state_vector(vector: bytes) -> dict[int, int]:
    """A document's state vector (``Doc.get_state()``) as client → next clock."""
    reader = _Reader(vector)
    return {reader.uint(): reader.uint() for _ in range(reader.uint())}
