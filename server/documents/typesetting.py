"""Typst, in-process: a template from ``templates/`` and the document's data as JSON.

The data reaches the template through ``sys.inputs`` and is decoded there with ``json``: user text is a
Typst string and inserted as text, never parsed as markup or code, so no escaping can be forgotten.
Fonts come with the ``typst`` package (Libertinus Serif, DejaVu Sans Mono); system fonts are ignored, so a
document looks the same on every machine and nothing is looked up at run time. Typst releases the GIL
while it typesets: called in a worker thread, it leaves the event loop free.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import typst

TEMPLATES = Path(__file__).parent / "templates"
DOCUMENTS = ("dokumentation", "massnahmenkatalog", "beschlussvorlage", "beschlussnachweis")


class TypesettingError(RuntimeError):
    """A template failed to compile: a fault of ours, never of the user's text."""


def as_json(data: dict[str, Any]) -> str:
    """The data as JSON text Typst can read: a lone surrogate (which JSON may carry) becomes "?"."""
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "replace").decode("utf-8")


def render(document: str, data: dict[str, Any], dated: datetime | None = None) -> bytes:
    """The PDF; ``dated``: the moment for its metadata (creation date), so the same data and moment give the
    same bytes (Typst derives the document id from the content). Without it, Typst takes the clock."""
    if document not in DOCUMENTS:
        raise ValueError(f"Unbekanntes Dokument {document!r}")
    try:
        pdf = typst.compile(
            str(TEMPLATES / f"{document}.typ"),
            format="pdf",
            root=str(TEMPLATES),
            sys_inputs={"data": as_json(data)},
            ignore_system_fonts=True,
            timestamp=int(dated.timestamp()) if dated is not None else None,
        )
    except typst.TypstError as error:
        raise TypesettingError(f"Satz von {document} fehlgeschlagen: {error}") from error
    assert isinstance(pdf, bytes)
    return pdf
