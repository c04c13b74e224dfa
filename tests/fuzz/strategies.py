"""Hypothesis strategies for the fuzz tests: JSON values, texts with the characters that break things, path ids."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from hypothesis import strategies as st

from domain.texts import PROPOSAL_FIELDS

# Characters that have broken servers before: NUL, lone surrogates, right-to-left override, umlauts, emoji.
SPECIAL = ("\x00", "\ud800", "\udfff", "\u202e", "ä", "ß", "😀", "\n", '"', "\\", "%", "/", "'")

texts = st.text(st.characters() | st.sampled_from(SPECIAL), max_size=20)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()  # NaN and Infinity included: Python's JSON writes and reads them
    | texts
)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4), max_leaves=8
)


def encoded(value: Any) -> bytes:
    """JSON as a client might send it: escaped, so NUL and lone surrogates reach the server."""
    return json.dumps(value).encode("ascii")


def path_ids(real: list[str]) -> st.SearchStrategy[str]:
    """An id for a path: a real one, a random UUID, or any text (percent-encoded, so it stays one segment)."""
    garbage = texts.filter(lambda t: t not in ("", ".", "..")).map(
        lambda t: quote(t.encode("utf-8", "surrogatepass"), safe="")  # a lone surrogate as its (invalid) bytes
    )
    return st.sampled_from(real) | st.uuids().map(str) | garbage


def value_of_kind(kind: str, ids: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """A value of the parameter's JSON type (content random), or any JSON value."""
    plausible: dict[str, st.SearchStrategy[Any]] = {
        "uuid": ids,
        "text": texts,
        "date": st.dates().map(lambda d: d.isoformat()) | texts,
        "int": st.integers(min_value=-(2**70), max_value=2**70),
        "bool": st.booleans(),
        "texts": st.lists(texts, max_size=4),
        "uuids": st.lists(ids, max_size=3),
        "fields": st.dictionaries(st.sampled_from(PROPOSAL_FIELDS) | texts, texts | json_values, max_size=4),
        "objects": st.lists(st.dictionaries(texts, texts | json_values, max_size=3), max_size=3),
    }
    return plausible[kind] | json_values
