"""lib0's encoding (the layer under Yjs updates): variable-length integers and strings, and "any" values.

Written for the fuzzer: it reads what yjs and pycrdt write and writes what they read, nesting of any depth
included (read iteratively, so a value nested 100,000 deep does not overflow this reader's stack).
"""

from __future__ import annotations

import struct


class DecodeError(ValueError):
    """Not a v1 update (the fuzzer then mutates its bytes only)."""


def var_uint(number: int) -> bytes:
    out = bytearray()
    while number > 0x7F:
        out.append(0x80 | (number & 0x7F))
        number >>= 7
    out.append(number)
    return bytes(out)


def var_int(number: int) -> bytes:
    negative, number = number < 0, abs(number)
    out = bytearray([(0x80 if number > 0x3F else 0) | (0x40 if negative else 0) | (number & 0x3F)])
    number >>= 6
    while number > 0:
        out.append((0x80 if number > 0x7F else 0) | (number & 0x7F))
        number >>= 7
    return bytes(out)


def var_string(text: str) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    return var_uint(len(data)) + data


class Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.position = data, 0

    def byte(self) -> int:
        if self.position >= len(self.data):
            raise DecodeError("ends early")
        self.position += 1
        return self.data[self.position - 1]

    def uint(self) -> int:
        number = shift = 0
        while True:
            byte = self.byte()
            number |= (byte & 0x7F) << shift
            if byte < 0x80:
                return number
            shift += 7
            if shift > 70:
                raise DecodeError("number too long")

    def raw(self, length: int) -> bytes:
        if self.position + length > len(self.data):
            raise DecodeError("length beyond the data")
        self.position += length
        return self.data[self.position - length : self.position]

    def string(self) -> str:
        try:
            return self.raw(self.uint()).decode("utf-8")
        except UnicodeDecodeError:
            raise DecodeError("not UTF-8") from None

    def any(self) -> bytes:
        """One lib0 "any" value, returned encoded (iteratively: nesting depth does not matter here)."""
        start, pending = self.position, 1
        while pending:
            pending -= 1
            tag = self.byte()
            if tag in (127, 126, 121, 120):
                continue
            if tag == 125:
                while self.byte() & 0x80:
                    pass
            elif tag in (124, 123, 122):
                self.raw({124: 4, 123: 8, 122: 8}[tag])
            elif tag in (119, 116):
                self.raw(self.uint())
            elif tag == 118:
                count = self.uint()
                for _ in range(count):
                    self.raw(self.uint())
                pending += count
            elif tag == 117:
                pending += self.uint()
            else:
                raise DecodeError(f"unknown any tag {tag}")
        return self.data[start : self.position]


def any_value(value: object) -> bytes:
    """A Python value as lib0 "any": None null, bool, int, float, str, bytes, list, dict."""
    if value is None:
        return b"\x7e"
    if value is True or value is False:
        return b"\x78" if value else b"\x79"
    if isinstance(value, int):
        return b"\x7d" + var_int(value)
    if isinstance(value, float):
        return b"\x7b" + struct.pack(">d", value)
    if isinstance(value, str):
        return b"\x77" + var_string(value)
    if isinstance(value, bytes):
        return b"\x74" + var_uint(len(value)) + value
    if isinstance(value, list):
        return b"\x75" + var_uint(len(value)) + b"".join(any_value(v) for v in value)
    if isinstance(value, dict):
        items = b"".join(var_string(str(k)) + any_value(v) for k, v in value.items())
        return b"\x76" + var_uint(len(value)) + items
    raise TypeError(type(value))
