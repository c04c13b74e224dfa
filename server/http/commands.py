"""Every domain command as an HTTP route, described once as data.

A command route reads a JSON object, checks it with the command's body model
(``server.http.bodies``), calls the application method in a worker thread with
the acting person, and returns the event-store position (also set as a cookie,
for read-your-writes).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from anyio.to_thread import run_sync
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from server import live_hooks
from server.auth.http import authorize, person
from server.auth.policy import SELF_SERVICE
from server.http import bodies
from server.http.contract import Body, Contract, body, operation, path_value
from server.runtime import POSITION_COOKIE, runtime


@dataclass(frozen=True)
class Command:
    method: str
    path: str
    operation: str  # the application method
    summary: str
    body: type[BaseModel] | Body = bodies.Empty
    created: bool = False  # 201 and the new id
    result: str = ""  # name of the returned value in the response (e.g. "sha256")
    live: str = ""  # how the command meets the live documents (see LIVE_HOOKS)

    @property
    def path_params(self) -> list[str]:
        return [part[1:-1] for part in self.path.split("/") if part.startswith("{")]


B = bodies
# Commands after which open live-editing connections are checked again (revocation takes effect at once).
COMMAND_PROBLEMS = {
    404: "Eine genannte Kennung (im Pfad oder im Inhalt) ist unbekannt",
    409: "Im aktuellen Status nicht möglich (code invalid_transition), oder inzwischen geändert",
    422: "Eine Regel zwischen Datensätzen ist verletzt (code nennt sie)",
}
ACCESS_CHANGES = frozenset(
    {
        "grant_role",
        "revoke_role",
        "grant_global_role",
        "revoke_global_role",
        "add_member",
        "remove_member",
        "assign_moderator",
        "unassign_moderator",
        "erase_person",
        "appoint_committee_member",
        "remove_committee_member",
        "appoint_coordination_member",
        "remove_coordination_member",
    }
)

COMMANDS: tuple[Command, ...] = (
    # reference data
    Command("POST", "/organisations", "register_organisation", "Organisation anlegen", B.RegisterOrganisation,
            created=True),
    Command("POST", "/committees", "register_committee", "Ausschuss anlegen", B.RegisterCommittee, created=True),
    Command("POST", "/people", "register_person", "Person anlegen", B.RegisterPerson, created=True),
    Command("POST", "/committees/{committee_id}/members", "appoint_committee_member", "Ausschussmitglied berufen",
            B.CommitteeMember),
    Command("POST", "/committees/{committee_id}/members/removal", "remove_committee_member",
            "Ausschussmitglied abberufen", B.CommitteeMemberRemoval),
    Command("POST", "/people/{person_id}/erasure", "erase_person",
            "Personenbezogene Daten löschen (DSGVO Art. 17)", B.Erasure),
    Command("POST", "/people/{person_id}/public-naming", "consent_to_public_naming",
            "In die öffentliche Nennung einwilligen (die Person selbst oder das Organisationsteam für sie)"),
    Command("POST", "/people/{person_id}/public-naming/withdrawal", "withdraw_public_naming_consent",
            "Einwilligung in die öffentliche Nennung widerrufen (die Person selbst oder das Organisationsteam)"),
    Command("POST", "/people/{person_id}/roles", "grant_global_role", "Stadtweite Rolle vergeben",
            B.GrantGlobalRole),
    Command("POST", "/people/{person_id}/roles/revocation", "revoke_global_role", "Stadtweite Rolle entziehen",
            B.RevokeGlobalRole),
    Command("POST", "/districts", "register_district", "Sozialraum anlegen", B.District, created=True),
    Command("PUT", "/districts/{district_id}/name", "rename_district", "Sozialraum umbenennen", B.District),
    Command("POST", "/districts/{district_id}/retirement", "retire_district", "Sozialraum auflösen", B.Removal),
    # conferences
    Command("POST", "/conferences", "schedule_conference", "Konferenz planen", B.ScheduleConference, created=True),
    Command("POST", "/conferences/{conference_id}/reschedule", "reschedule_conference", "Termin und Ort ändern",
            B.Reschedule),
    Command("PUT", "/conferences/{conference_id}/focus-topic", "set_focus_topic", "Schwerpunktthema festlegen",
            B.FocusTopic),
    Command("PUT", "/conferences/{conference_id}/agenda", "set_agenda", "Tagesordnung festlegen",
            B.Agenda),
    Command("POST", "/conferences/{conference_id}/invitations", "invite_organisations", "Organisationen einladen",
            B.Invitations),
    Command("POST", "/conferences/{conference_id}/preparation", "mark_conference_prepared",
            "Vorbereitung abschließen"),
    Command("POST", "/conferences/{conference_id}/session/open", "open_session", "Sitzung eröffnen"),
    Command("POST", "/conferences/{conference_id}/session/close", "close_session",
            "Sitzung schließen (offene Vorschläge werden eingefroren)", live="freeze_conference"),
    Command("POST", "/conferences/{conference_id}/minutes", "publish_minutes", "Protokoll veröffentlichen",
            B.Minutes),
    Command("POST", "/conferences/{conference_id}/minutes/sessions", "add_minutes_session",
            "Sitzung im Protokoll anlegen", B.MinutesSession, created=True),
    Command("POST", "/conferences/{conference_id}/minutes/items", "add_minutes_item", "Protokollpunkt erfassen",
            B.MinutesItem, created=True),
    Command("PUT", "/conferences/{conference_id}/minutes/items/{item_id}", "edit_minutes_item",
            "Protokollpunkt ändern", B.MinutesItem),
    Command("POST", "/conferences/{conference_id}/coordination-group", "form_coordination_group",
            "Koordinierungsgruppe der Konferenzreihe bilden", created=True),
    Command("POST", "/conferences/{conference_id}/roles", "grant_role", "Rolle in der Konferenz vergeben",
            B.GrantRole),
    Command("POST", "/conferences/{conference_id}/roles/revocation", "revoke_role", "Rolle in der Konferenz entziehen",
            B.RevokeRole),
    Command("POST", "/conferences/{conference_id}/working-groups", "form_working_group", "Arbeitsgruppe bilden",
            B.FormWorkingGroup, created=True),
    Command("POST", "/conferences/{conference_id}/working-groups/carry-over", "carry_over_working_group",
            "Arbeitsgruppe der Vorgängerkonferenz übernehmen", B.CarryOverGroup, created=True),
    Command("POST", "/conferences/{conference_id}/working-groups/carry-over-all", "carry_over_all_working_groups",
            "Alle Arbeitsgruppen der Vorgängerkonferenz übernehmen", result="ids"),
    # the series' coordination group
    Command("POST", "/coordination-groups/{coordination_group_id}/members", "appoint_coordination_member",
            "Mitglied der Koordinierungsgruppe berufen", B.CoordinationMember),
    Command("POST", "/coordination-groups/{coordination_group_id}/members/removal", "remove_coordination_member",
            "Mitglied der Koordinierungsgruppe abberufen", B.CoordinationMemberRemoval),
    Command("PUT", "/coordination-groups/{coordination_group_id}/chair", "name_coordination_chair",
            "Vorsitz der Koordinierungsgruppe bestimmen", B.CoordinationMember),
    Command("POST", "/coordination-groups/{coordination_group_id}/decisions", "record_coordination_decision",
            "Beschluss der Koordinierungsgruppe erfassen", B.CoordinationDecision, created=True),
    # working groups
    Command("PUT", "/working-groups/{working_group_id}/topic", "refocus_working_group", "Schwerpunkt ändern",
            B.Refocus),
    Command("POST", "/working-groups/{working_group_id}/members", "add_member", "Mitglied aufnehmen",
            B.Person),
    Command("POST", "/working-groups/{working_group_id}/members/{person_id}/removal", "remove_member",
            "Mitglied entfernen", B.Removal),
    Command("POST", "/working-groups/{working_group_id}/moderators", "assign_moderator", "Moderation zuweisen",
            B.Person),
    Command("POST", "/working-groups/{working_group_id}/moderators/{person_id}/removal", "unassign_moderator",
            "Moderation entziehen", B.Removal),
    Command("POST", "/working-groups/{working_group_id}/measures", "draft_measure", "Maßnahmenvorschlag anlegen",
            B.Draft, created=True),
    # measures
    Command("PATCH", "/measures/{measure_id}/proposal", "edit_proposal", "Vorschlagstext ändern",
            B.EditProposal, live="refuse_if_live"),
    Command("PUT", "/measures/{measure_id}/details", "set_measure_details", "Federführung, Kosten, Indikatoren",
            B.Details),
    Command("PUT", "/measures/{measure_id}/districts", "set_measure_districts", "Sozialräume der Maßnahme festlegen",
            B.MeasureDistricts),
    Command("POST", "/measures/{measure_id}/agreement", "agree_in_group", "In der AG beschließen",
            B.Draft, result="sha256", live="freeze_measure"),
    Command("POST", "/measures/{measure_id}/withdrawal", "withdraw_measure", "Vorschlag zurückziehen", B.Removal),
    Command("POST", "/measures/{measure_id}/adoption", "adopt_measure", "Im Plenum verabschieden", result="sha256"),
    Command("POST", "/measures/{measure_id}/return", "return_measure", "An die AG zurückverweisen", B.Removal),
    Command("POST", "/measures/{measure_id}/submission", "submit_measure", "Dem Ausschuss vorlegen",
            B.Submission),
    Command("POST", "/measures/{measure_id}/committee-decision", "record_committee_decision",
            "Ausschussbeschluss erfassen",
            B.CommitteeDecision, result="sha256"),
    Command("POST", "/measures/{measure_id}/implementation/start", "start_implementation", "Umsetzung beginnen",
            B.StartImplementation),
    Command("POST", "/measures/{measure_id}/progress", "report_progress", "Fortschritt berichten",
            B.Progress),
    Command("POST", "/measures/{measure_id}/indicators/actuals", "report_indicator_actual",
            "Ist-Wert eines Indikators berichten", B.IndicatorActual),
    Command("POST", "/measures/{measure_id}/implementation/completion", "complete_implementation",
            "Umsetzung abschließen", B.Completion),
    Command("POST", "/measures/{measure_id}/evaluation", "record_evaluation", "Evaluierung erfassen",
            B.Evaluation),
    Command("POST", "/measures/{measure_id}/carry-over", "carry_over_measure", "In den neuen Zyklus übernehmen",
            B.CarryOverMeasure, created=True),
)  # fmt: skip


def handler(command: Command) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        await person(request)  # nobody signed in: 401 before anything else
        kwargs: dict[str, Any] = {name: path_value(request, name) for name in command.path_params}
        kwargs.update(await body(request, command.body))
        if command.operation in SELF_SERVICE and kwargs.get("person_id") == await person(request):
            acting = kwargs["person_id"]  # about herself: no role needed
        else:
            acting = await authorize(request, command.operation, kwargs)
        state = runtime(request)
        method = getattr(state.application, command.operation)
        if command.live:
            result = await live_hooks.LIVE_HOOKS[command.live](state, kwargs, lambda: method(acting, **kwargs))
        else:
            result = await run_sync(lambda: method(acting, **kwargs))
        if command.operation == "erase_person":  # credentials are personal data too
            await run_sync(state.accounts.delete_person, kwargs["person_id"])
        if command.operation in ACCESS_CHANGES:
            await state.collab.refresh_access(state.policy)
        position = await run_sync(state.application.position)
        content: dict[str, Any] = {"position": position}
        if command.created:
            content["id"] = str(result)
        elif command.result:
            content[command.result] = [str(r) for r in result] if isinstance(result, list) else result
        response = JSONResponse(content, status_code=201 if command.created else 200)
        response.set_cookie(POSITION_COOKIE, str(position), httponly=True, samesite="lax", path="/")
        return response

    endpoint.__name__ = command.operation
    endpoint.__doc__ = command.summary
    return operation(contract(command))(endpoint)


def contract(command: Command) -> Contract:
    return Contract(
        command.summary,
        body=command.body,
        status=201 if command.created else 200,
        problems=COMMAND_PROBLEMS,
        operation_id=command.operation,
    )


command_routes = [Route(c.path, handler(c), methods=[c.method]) for c in COMMANDS]
