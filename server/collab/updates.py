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
from bisect import bisect_right
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


class FieldMap:
    """Which field each known item lies in: per client, runs of clocks ``[start, end)`` and their field.

    Kept beside a document's state vector (:class:`DocState`) so that an update can be checked for a
    block whose left and right neighbours lie in two different fields: no client writes one (both
    neighbours come from the one list it inserts into), and yrs places it differently when it applies
    it alone than when it reads the document's full state, so a newcomer (or a checkpoint) would see
    other text than everyone else.
    """

    __slots__ = ("_runs",)

    def __init__(self) -> None:
        self._runs: dict[int, tuple[list[int], list[int], list[str]]] = {}

    def field(self, client: int, clock: int) -> str | None:
        runs = self._runs.get(client)
        if runs is None:
            return None
        starts, ends, names = runs
        index = bisect_right(starts, clock) - 1
        return names[index] if index >= 0 and clock < ends[index] else None

    def add(self, client: int, start: int, end: int, name: str) -> None:
        runs = self._runs.get(client)
        if runs is None:
            self._runs[client] = ([start], [end], [name])
            return
        starts, ends, names = runs
        if start >= ends[-1]:  # nearly always: a client's items arrive in the order of their clocks
            if start == ends[-1] and names[-1] == name:
                ends[-1] = end
            else:
                starts.append(start)
                ends.append(end)
                names.append(name)
            return
        index = bisect_right(starts, start)
        starts.insert(index, start)
        ends.insert(index, end)
        names.insert(index, name)


class DocState(dict[int, int]):
    """A document's state vector (client → next clock), and where its items lie (``fields``)."""

    def __init__(self, *args: object, **kwargs: int) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields = FieldMap()


@dataclass
class UpdateSummary:
    """What an update brings: per field, the UTF-8 bytes of text it inserts where the field is known."""

    inserted_bytes: int = 0  # all inserted text, embeds and format values
    by_field: dict[str, int] = field(default_factory=dict)
    unattributed_bytes: int = 0  # inserted next to existing items: which field is not known here
    brought: dict[int, tuple[int, int]] = field(default_factory=dict)  # client → [first, next) clock
    placed: list[tuple[int, int, int, str]] = field(default_factory=list)  # (client, start, end, field) of its items


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
    summary = UpdateSummary(inserted, {}, inserted, {client: (clock, clock + length)})
    fields: FieldMap | None = getattr(state, "fields", None)
    if fields is not None:
        left = fields.field(*origin) if origin is not None else None
        right = fields.field(*right_origin) if right_origin is not None else None
        if left is not None and right is not None and left != right:
            return None  # neighbours in two fields: the full reading refuses it
        if left or right:
            summary.placed.append((client, clock, clock + length, left or right))  # type: ignore[arg-type]
    return summary


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
    fields: FieldMap | None = getattr(state, "fields", None)
    if fields is not None:
        _place(structs, state, fields, summary, live)
    return summary


def _place(
    structs: list[_Struct], state: Mapping[int, int], fields: FieldMap, summary: UpdateSummary, live: bool
) -> None:
    """Which field each of the update's items lies in (``summary.placed``), as yrs decides it: the field
    named, else the left neighbour's, else the right one's. A block whose neighbours lie in two fields is
    refused (``live``); from the store it is placed as yrs placed it then (by its left neighbour).

    A full state (a checkpoint, a first sync) may name neighbours that come later in the update: a block
    waits for the one it needs, and is placed when that one is (each block waits at most twice). A block
    next to items whose field nobody knows (garbage-collected ones, or a cycle) stays unplaced."""
    starts: dict[int, list[int]] = {}
    by_client: dict[int, list[_Struct]] = {}
    for struct in structs:  # per client in the order of their clocks (read_update's groups)
        starts.setdefault(struct.client, []).append(struct.clock)
        by_client.setdefault(struct.client, []).append(struct)
    placed: dict[tuple[int, int], str | None] = {}  # (client, first clock) → field, None: cannot be placed
    waiting: dict[tuple[int, int], list[_Struct]] = {}

    def containing(item: tuple[int, int]) -> _Struct | None:
        clocks = starts.get(item[0])
        if not clocks:
            return None
        index = bisect_right(clocks, item[1]) - 1
        found = by_client[item[0]][index] if index >= 0 else None
        return found if found is not None and item[1] < found.clock + found.length else None

    def neighbour(item: tuple[int, int] | None) -> tuple[str | None, _Struct | None]:
        """(the item's field, or None; the block of this update to wait for, or None)."""
        if item is None:
            return None, None
        if item[1] < state.get(item[0], 0):
            return fields.field(*item), None
        block = containing(item)
        if block is None:
            return None, None
        key = (block.client, block.clock)
        return (placed[key], None) if key in placed else (None, block)

    def place(struct: _Struct) -> list[_Struct]:
        """Place the block if it can be; returns the blocks that waited for it."""
        name = struct.parent_key
        if name is None and (struct.origin is not None or struct.right_origin is not None):
            left, wait_left = neighbour(struct.origin)
            right, wait_right = neighbour(struct.right_origin)
            block = wait_left or wait_right
            if block is not None:
                waiting.setdefault((block.client, block.clock), []).append(struct)
                return []
            if left is not None and right is not None and left != right:
                if live:
                    raise InvalidUpdate(
                        f"Element zwischen Nachbarn in zwei verschiedenen Feldern („{left[:40]}“ und „{right[:40]}“)"
                    )
                right = left
            name = left or right
        key = (struct.client, struct.clock)
        placed[key] = name  # None: a garbage-collected range, or next to items whose field is not known
        if name is not None:
            summary.placed.append((struct.client, struct.clock, struct.clock + struct.length, name))
        return waiting.pop(key, [])

    for struct in structs:
        pending = [struct]
        while pending:  # a loop, not recursion: a chain of blocks may be as long as the update
            pending += place(pending.pop())


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
    """``state`` after the checked update was applied: each client's clock past what it brought (and, for a
    :class:`DocState`, where its new items lie)."""
    fields: FieldMap | None = getattr(state, "fields", None)
    if fields is not None:
        for client, start, end, name in summary.placed:
            if start >= state.get(client, 0):  # known items (a replay meets them again) lie where they lay
                fields.add(client, start, end, name)
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
