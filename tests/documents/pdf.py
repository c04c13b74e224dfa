"""Reading a PDF the way a person or a screen reader would: its text (Debian's ``pdftotext``) and metadata.

``pdftotext`` comes with poppler-utils (``make test`` installs it). Without it the tests that need it are
skipped with a message on a developer's machine and fail in CI (SOZIALKONFERENZ_REQUIRE_SERVICES=1).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from tests.conftest import REQUIRE_SERVICES

MISSING = "pdftotext fehlt (Debian: apt-get install -y poppler-utils)"


def pdf_text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF-"), pdf[:40]
    tool = shutil.which("pdftotext")
    if tool is None:
        if REQUIRE_SERVICES:
            pytest.fail(MISSING + " (SOZIALKONFERENZ_REQUIRE_SERVICES=1: Pflicht)")
        pytest.skip(MISSING + " – PDF-Texttests übersprungen")
    return subprocess.run([tool, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def squeezed(text: str) -> str:
    """Text without what line breaking adds or takes: white space, soft hyphens and hyphens (a word hyphenated
    at a line's end comes out of pdftotext with or without its hyphen)."""
    return re.sub("[\\s\u00ad\u2010-]", "", text)


def contains(text: str, wanted: str) -> bool:
    return squeezed(wanted) in squeezed(text)


def metadata(pdf: bytes) -> tuple[str, str, int]:
    """Title, document language and number of pages."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    return str(reader.metadata.title), str(root.get("/Lang")), len(reader.pages)
