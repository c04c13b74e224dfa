"""Yjs update format v1, decoded into blocks and encoded back, so the fuzzer can rewrite an update's
structure (parents, origins, client ids, clocks, lengths, delete sets) instead of only its bytes.

The layout follows yjs ``Item.write``/``readClientsStructRefs`` and lib0's encoding: a varUint count of
clients, per client a varUint count of blocks, the client id and the first clock, then the blocks (an
info byte: content ref in the low five bits, 0x80 left origin, 0x40 right origin, 0x20 parent sub;
ref 0 GC, 10 Skip); after them the delete set (clients, ranges of clock and length). ``decode`` then
``encode`` gives back the same bytes for every update yjs or pycrdt writes (tests/fuzz/test_yjs_codec.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.fuzz.lib0 import DecodeError, Reader, any_value, var_int, var_string, var_uint

__all__ = ["DecodeError", "Reader", "any_value", "var_int", "var_string", "var_uint"]  # lib0's, for the fuzzer

ORIGIN, RIGHT_ORIGIN, PARENT_SUB = 0x80, 0x40, 0x20
GC_REF, SKIP_REF = 0, 10
DELETED, JSON, BINARY, STRING, EMBED, FORMAT, TYPE, ANY, DOC = range(1, 10)
XML_ELEMENT, XML_HOOK = 3, 5  # type refs followed by a name


ID = tuple[int, int]  # (client, clock)


@dataclass
class Content:
    ref: int
    length: int = 1  # deleted: the count; JSON/any: the number of values
    text: str = ""  # string, embed (JSON text), format key, doc guid
    value: str = ""  # format value (JSON text)
    data: bytes = b""  # binary
    values: list[bytes] = field(default_factory=list)  # JSON texts (utf-8) or lib0 "any" values, encoded
    type_ref: int = 0  # type: 0 array, 1 map, 2 text, 3 xml element, 4 fragment, 5 hook, 6 xml text
    name: str = ""  # xml element / hook name; doc: the encoded opts go in ``data``
    raw: bytes | None = None  # written instead of the fields above (lengths beyond the data, garbage)

    def clock_length(self) -> int:
        if self.ref == STRING:
            return len(self.text.encode("utf-16-le")) // 2
        if self.ref in (DELETED, JSON, ANY):
            return self.length
        return 1


@dataclass
class Block:
    """An item (``content`` set), or a GC/skip range (``content`` None, ``ref`` 0 or 10, ``length``)."""

    content: Content | None = None
    origin: ID | None = None
    right_origin: ID | None = None
    parent: str | ID | None = None  # a root's name or the id of the parent type's item
    parent_sub: str | None = None
    ref: int = GC_REF
    length: int = 0
    flags: int = 0  # extra info bits to set (a parent-sub bit without a key, and the like)

    def clock_length(self) -> int:
        return self.length if self.content is None else self.content.clock_length()


@dataclass
class Group:
    client: int
    clock: int
    blocks: list[Block]


@dataclass
class Update:
    groups: list[Group]
    deletes: list[tuple[int, list[tuple[int, int]]]]  # per client: (clock, length) ranges

    def ids(self) -> list[ID]:
        """The id of every item's first clock in the update."""
        out = []
        for group in self.groups:
            clock = group.clock
            for block in group.blocks:
                if block.content is not None:
                    out.append((group.client, clock))
                clock += block.clock_length()
        return out


# --- updates --------------------------------------------------------------------------------------


def _content(reader: Reader, ref: int) -> Content:
    if ref == DELETED:
        return Content(ref, length=reader.uint())
    if ref == JSON:
        count = reader.uint()
        return Content(ref, length=count, values=[reader.raw(reader.uint()) for _ in range(count)])
    if ref == BINARY:
        return Content(ref, data=reader.raw(reader.uint()))
    if ref in (STRING, EMBED):
        return Content(ref, text=reader.string())
    if ref == FORMAT:
        return Content(ref, text=reader.string(), value=reader.string())
    if ref == TYPE:
        type_ref = reader.uint()
        return Content(ref, type_ref=type_ref, name=reader.string() if type_ref in (XML_ELEMENT, XML_HOOK) else "")
    if ref == ANY:
        count = reader.uint()
        return Content(ref, length=count, values=[reader.any() for _ in range(count)])
    if ref == DOC:
        return Content(ref, text=reader.string(), data=reader.any())
    raise DecodeError(f"unknown content ref {ref}")


def _block(reader: Reader) -> Block:
    info = reader.byte()
    ref = info & 0x1F
    if ref in (GC_REF, SKIP_REF):
        return Block(ref=ref, length=reader.uint())
    block = Block(ref=ref)
    if info & ORIGIN:
        block.origin = (reader.uint(), reader.uint())
    if info & RIGHT_ORIGIN:
        block.right_origin = (reader.uint(), reader.uint())
    if not info & (ORIGIN | RIGHT_ORIGIN):
        block.parent = reader.string() if reader.uint() == 1 else (reader.uint(), reader.uint())
        if info & PARENT_SUB:
            block.parent_sub = reader.string()
    elif info & PARENT_SUB:
        block.flags = PARENT_SUB  # inherited from the origin: kept as a bare bit
    block.content = _content(reader, ref)
    return block


def decode(data: bytes) -> Update:
    reader = Reader(data)
    groups = []
    for _ in range(reader.uint()):
        count, client, clock = reader.uint(), reader.uint(), reader.uint()
        groups.append(Group(client, clock, [_block(reader) for _ in range(count)]))
    deletes = []
    for _ in range(reader.uint()):
        client = reader.uint()
        deletes.append((client, [(reader.uint(), reader.uint()) for _ in range(reader.uint())]))
    if reader.position != len(data):
        raise DecodeError("bytes after the delete set")
    return Update(groups, deletes)


def _encode_content(content: Content) -> bytes:
    ref = content.ref
    if content.raw is not None:
        return content.raw
    if ref == DELETED:
        return var_uint(content.length)
    if ref == JSON:
        return var_uint(content.length) + b"".join(var_uint(len(v)) + v for v in content.values)
    if ref == BINARY:
        return var_uint(len(content.data)) + content.data
    if ref in (STRING, EMBED):
        return var_string(content.text)
    if ref == FORMAT:
        return var_string(content.text) + var_string(content.value)
    if ref == TYPE:
        named = content.type_ref in (XML_ELEMENT, XML_HOOK)
        return var_uint(content.type_ref) + (var_string(content.name) if named else b"")
    if ref == ANY:
        return var_uint(content.length) + b"".join(content.values)
    if ref == DOC:
        return var_string(content.text) + (content.data or b"\x7e")
    return b""  # an unknown ref: the info byte alone


def encode_block(block: Block) -> bytes:
    if block.content is None:
        return bytes([block.ref]) + var_uint(block.length)
    info = (block.content.ref & 0x1F) | block.flags
    info |= (ORIGIN if block.origin else 0) | (RIGHT_ORIGIN if block.right_origin else 0)
    out = bytearray()
    if block.origin:
        out += var_uint(block.origin[0]) + var_uint(block.origin[1])
    if block.right_origin:
        out += var_uint(block.right_origin[0]) + var_uint(block.right_origin[1])
    if not (block.origin or block.right_origin):
        if isinstance(block.parent, str):
            out += b"\x01" + var_string(block.parent)
        else:
            client, clock = block.parent or (0, 0)
            out += b"\x00" + var_uint(client) + var_uint(clock)
        if block.parent_sub is not None:
            info |= PARENT_SUB
            out += var_string(block.parent_sub)
    return bytes([info]) + bytes(out) + _encode_content(block.content)


def encode(update: Update) -> bytes:
    out = bytearray(var_uint(len(update.groups)))
    for group in update.groups:
        out += var_uint(len(group.blocks)) + var_uint(group.client) + var_uint(group.clock)
        for block in group.blocks:
            out += encode_block(block)
    out += var_uint(len(update.deletes))
    for client, ranges in update.deletes:
        out += var_uint(client) + var_uint(len(ranges))
        for clock, length in ranges:
            out += var_uint(clock) + var_uint(length)
    return bytes(out)


def text_item(client: int, clock: int, text: str, parent: str | ID, **extra: object) -> Update:
    """One update of one string item under ``parent`` (a root's name or an item's id)."""
    block = Block(content=Content(STRING, text=text), parent=parent, ref=STRING)
    for name, value in extra.items():
        setattr(block, name, value)
    return Update([Group(client, clock, [block])], [])
