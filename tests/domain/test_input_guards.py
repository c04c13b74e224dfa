"""Input the database could not store safely is refused at the domain's edge."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.application import Sozialkonferenz
from domain.conference import Conference
from domain.errors import InvalidInput, NotFound
from tests.domain.builders import conference_in_status


def test_text_with_a_nul_character_is_refused_and_nothing_is_stored(app: Sozialkonferenz, actor: UUID) -> None:
    before = app.position()
    with pytest.raises(InvalidInput) as refused:
        app.register_organisation(actor, "Caritas\x00verband", "welfare")
    assert refused.value.field == "name"
    assert app.position() == before


def test_proposal_field_with_a_nul_character_is_refused(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "in_session")
    with pytest.raises(InvalidInput) as refused:
        app.draft_measure(actor, case.group_id, {"title": "Lern\x00patenschaften"})
    assert refused.value.field == "fields.title"


def test_a_version_beyond_the_history_is_not_found(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "scheduled")
    current = app.load(Conference, case.conference_id).version
    assert app.as_of_version(Conference, case.conference_id, current).version == current
    with pytest.raises(NotFound):
        app.as_of_version(Conference, case.conference_id, current + 1)
