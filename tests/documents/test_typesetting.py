"""The typesetting layer on its own: text that is no valid Unicode still prints, unknown documents are refused."""

from __future__ import annotations

import pytest

from server.documents.typesetting import render
from tests.documents.pdf import contains, metadata, pdf_text

FRAME = {"title": "Beschlussvorlage V/1: Test", "subtitle": "Beschlussvorlage", "printed": "Gedruckt", "as_of": ""}


def test_a_lone_surrogate_or_control_character_in_a_text_is_printed_not_a_failure() -> None:
    paper = {
        **FRAME, "paper_number": "V/1", "reference": "M-1", "committee": "", "status": "", "origin": "",
        "subject": "Betreff mit \ud800 und \x0b Steuerzeichen",
        "facts": [], "proposal": "Vorschlag", "sha256": "", "finance": [], "indicators": [],
    }  # fmt: skip
    text = pdf_text(render("beschlussvorlage", paper))
    assert contains(text, "Betreff mit ? und") and "Steuerzeichen" in text
    assert metadata(render("beschlussvorlage", paper))[:2] == ("Beschlussvorlage V/1: Test", "de-DE")


def test_only_the_four_documents_are_typeset() -> None:
    with pytest.raises(ValueError, match="Unbekanntes Dokument"):
        render("../../etc/passwd", FRAME)
