"""The request models' patterns mean the same in the three engines that read them, and what the domain means.

Clients and OpenAPI tools read the patterns as ECMA-262 regular expressions, pydantic checks them with
Rust's ``regex``, Python's ``re`` generates test data from them; the domain strips with ``str.strip()``.
"""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from domain.errors import InvalidInput
from server.auth.store import check_login
from server.http.types import EMAIL_PATTERN, LOGIN_PATTERN, NON_BLANK, Line, Login

WHITE = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
TRICKY = [*WHITE, "\x00", "\ufeff", "\u200b", "@", "a", "ß", "\n"]  # BOM and zero-width space are not white in Python
texts = st.text(alphabet=st.sampled_from(TRICKY), max_size=12) | st.text(max_size=12)


def accepted(kind: object, value: str) -> bool:
    try:
        TypeAdapter(kind).validate_python(value, strict=True)
    except ValidationError:
        return False
    return True


@given(texts)
def test_non_blank_means_what_strip_keeps_in_every_engine(value: str) -> None:
    keeps = bool(value.strip()) and "\x00" not in value

    assert (re.search(NON_BLANK, value) is not None) == keeps
    assert accepted(Line, value) == keeps


@given(texts)
def test_a_login_the_model_accepts_is_one_the_account_store_accepts(value: str) -> None:
    try:
        check_login(value)
        store = "\x00" not in value
    except InvalidInput:
        store = False

    assert (re.search(LOGIN_PATTERN, value) is not None) == store
    assert accepted(Login, value) == store


@given(texts)
def test_an_email_is_blank_or_has_an_at_sign(value: str) -> None:
    domain = "\x00" not in value and (not value.strip() or "@" in value)

    assert (re.search(EMAIL_PATTERN, value) is not None) == domain


def test_every_white_space_character_is_blank_for_pydantic_too() -> None:
    for white in WHITE:
        assert not accepted(Line, white * 3), hex(ord(white))
        assert accepted(Line, white + "x" + white), hex(ord(white))
