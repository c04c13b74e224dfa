"""Every domain command as an HTTP route, described once as data.

A command route reads a JSON object, checks each parameter's JSON type, calls
the application method in a worker thread with the acting person, and returns
the event-store position (also set as a cookie, for read-your-writes).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from anyio.to_thread import run_sync
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from domain.errors import InvalidInput
from server import live_hooks
from server.auth.http import authorize, person
from server.params import Param, parse_uuid, read_json_object
from server.runtime import POSITION_COOKIE, runtime

P = Param


@dataclass(frozen=True)
class Command:
    method: str
    path: str
    operation: str  # the application method
    summary: str
    params: tuple[Param, ...] = ()
    created: bool = False  # 201 and the new id
    result: str = ""  # name of the returned value in the response (e.g. "sha256")
    live: str = ""  # how the command meets the live documents (see LIVE_HOOKS)

    @property
    def path_params(self) -> list[str]:
        return [part[1:-1] for part in self.path.split("/") if part.startswith("{")]


REASON = P("reason", "text", True, "Begründung")
FIELDS = P("fields", "fields", False, "Felder des Vorschlags (title, description, goal, …)")
ROLE = P("role", "text", True, "Rolle: organiser, auditor, planner, committee_member (in einer Konferenz)")

# Commands after which open live-editing connections are checked again (revocation takes effect at once).
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
    }
)

COMMANDS: tuple[Command, ...] = (
    # reference data
    Command("POST", "/organisations", "register_organisation", "Organisation anlegen",
            (P("name", "text", True), P("kind", "text", True), P("district", "text")), created=True),
    Command("POST", "/committees", "register_committee", "Ausschuss anlegen",
            (P("name", "text", True), P("short_name", "text", True)), created=True),
    Command("POST", "/people", "register_person", "Person anlegen",
            (P("name", "text", True), P("email", "text", default=""), P("organisation_id", "uuid")), created=True),
    Command("POST", "/committees/{committee_id}/members", "appoint_committee_member", "Ausschussmitglied berufen",
            (P("person_id", "uuid", True),)),
    Command("POST", "/committees/{committee_id}/members/removal", "remove_committee_member",
            "Ausschussmitglied abberufen", (P("person_id", "uuid", True), REASON)),
    Command("POST", "/people/{person_id}/erasure", "erase_person",
            "Personenbezogene Daten löschen (DSGVO Art. 17)", (REASON,)),
    Command("POST", "/people/{person_id}/roles", "grant_global_role", "Stadtweite Rolle vergeben",
            (ROLE,)),
    Command("POST", "/people/{person_id}/roles/revocation", "revoke_global_role", "Stadtweite Rolle entziehen",
            (ROLE, REASON)),
    # conferences
    Command("POST", "/conferences", "schedule_conference", "Konferenz planen",
            (P("title", "text", True), P("kind", "text", True), P("series", "text", True), P("cycle", "text", True),
             P("starts_on", "date", True), P("venue", "text"), P("district", "text"),
             P("previous_conference_id", "uuid")), created=True),
    Command("POST", "/conferences/{conference_id}/reschedule", "reschedule_conference", "Termin und Ort ändern",
            (P("starts_on", "date", True), P("venue", "text", True, "Ort; leer, wenn noch offen"))),
    Command("PUT", "/conferences/{conference_id}/focus-topic", "set_focus_topic", "Schwerpunktthema festlegen",
            (P("focus_topic", "text", True),)),
    Command("PUT", "/conferences/{conference_id}/agenda", "set_agenda", "Tagesordnung festlegen",
            (P("items", "texts", True),)),
    Command("POST", "/conferences/{conference_id}/invitations", "invite_organisations", "Organisationen einladen",
            (P("organisation_ids", "uuids", True),)),
    Command("POST", "/conferences/{conference_id}/preparation", "mark_conference_prepared",
            "Vorbereitung abschließen"),
    Command("POST", "/conferences/{conference_id}/session/open", "open_session", "Sitzung eröffnen"),
    Command("POST", "/conferences/{conference_id}/session/close", "close_session",
            "Sitzung schließen (offene Vorschläge werden eingefroren)", live="freeze_conference"),
    Command("POST", "/conferences/{conference_id}/minutes", "publish_minutes", "Protokoll veröffentlichen",
            (P("minutes", "text", True),)),
    Command("POST", "/conferences/{conference_id}/roles", "grant_role", "Rolle in der Konferenz vergeben",
            (P("person_id", "uuid", True), ROLE)),
    Command("POST", "/conferences/{conference_id}/roles/revocation", "revoke_role", "Rolle in der Konferenz entziehen",
            (P("person_id", "uuid", True), ROLE, REASON)),
    Command("POST", "/conferences/{conference_id}/working-groups", "form_working_group", "Arbeitsgruppe bilden",
            (P("name", "text", True), P("topic", "text")), created=True),
    Command("POST", "/conferences/{conference_id}/working-groups/carry-over", "carry_over_working_group",
            "Arbeitsgruppe der Vorgängerkonferenz übernehmen", (P("previous_group_id", "uuid", True),), created=True),
    Command("POST", "/conferences/{conference_id}/working-groups/carry-over-all", "carry_over_all_working_groups",
            "Alle Arbeitsgruppen der Vorgängerkonferenz übernehmen", result="ids"),
    # working groups
    Command("PUT", "/working-groups/{working_group_id}/topic", "refocus_working_group", "Schwerpunkt ändern",
            (P("topic", "text", True), REASON)),
    Command("POST", "/working-groups/{working_group_id}/members", "add_member", "Mitglied aufnehmen",
            (P("person_id", "uuid", True),)),
    Command("POST", "/working-groups/{working_group_id}/members/{person_id}/removal", "remove_member",
            "Mitglied entfernen", (REASON,)),
    Command("POST", "/working-groups/{working_group_id}/moderators", "assign_moderator", "Moderation zuweisen",
            (P("person_id", "uuid", True),)),
    Command("POST", "/working-groups/{working_group_id}/moderators/{person_id}/removal", "unassign_moderator",
            "Moderation entziehen", (REASON,)),
    Command("POST", "/working-groups/{working_group_id}/measures", "draft_measure", "Maßnahmenvorschlag anlegen",
            (FIELDS,), created=True),
    # measures
    Command("PATCH", "/measures/{measure_id}/proposal", "edit_proposal", "Vorschlagstext ändern",
            (P("fields", "fields", True),), live="refuse_if_live"),
    Command("PUT", "/measures/{measure_id}/details", "set_measure_details", "Federführung, Kosten, Indikatoren",
            (P("lead_organisation_id", "uuid"), P("partner_organisation_ids", "uuids"), P("cost_estimate_eur", "int"),
             P("funding_secured", "bool"), P("indicators", "objects"))),
    Command("POST", "/measures/{measure_id}/agreement", "agree_in_group", "In der AG beschließen",
            (FIELDS,), result="sha256", live="freeze_measure"),
    Command("POST", "/measures/{measure_id}/withdrawal", "withdraw_measure", "Vorschlag zurückziehen", (REASON,)),
    Command("POST", "/measures/{measure_id}/adoption", "adopt_measure", "Im Plenum verabschieden", result="sha256"),
    Command("POST", "/measures/{measure_id}/return", "return_measure", "An die AG zurückverweisen", (REASON,)),
    Command("POST", "/measures/{measure_id}/submission", "submit_measure", "Dem Ausschuss vorlegen",
            (P("committee_id", "uuid", True), P("paper_number", "text", True))),
    Command("POST", "/measures/{measure_id}/committee-decision", "record_committee_decision",
            "Ausschussbeschluss erfassen",
            (P("committee_id", "uuid", True), P("decision", "text", True), P("decided_on", "date", True),
             P("reason", "text"), P("amended_fields", "fields")), result="sha256"),
    Command("POST", "/measures/{measure_id}/implementation/start", "start_implementation", "Umsetzung beginnen",
            (P("note", "text"),)),
    Command("POST", "/measures/{measure_id}/progress", "report_progress", "Fortschritt berichten",
            (P("progress", "int", True), P("note", "text"), P("indicator_actuals", "fields"))),
    Command("POST", "/measures/{measure_id}/implementation/completion", "complete_implementation",
            "Umsetzung abschließen", (P("outcome", "text", True), P("reason", "text"))),
    Command("POST", "/measures/{measure_id}/evaluation", "record_evaluation", "Evaluierung erfassen",
            (P("working_group_id", "uuid", True), P("progress", "int", True), P("verdict", "text", True),
             P("rating", "int", True), P("summary", "text"), P("obstacles", "objects"), P("enablers", "objects"),
             P("indicator_actuals", "fields"))),
    Command("POST", "/measures/{measure_id}/carry-over", "carry_over_measure", "In den neuen Zyklus übernehmen",
            (P("working_group_id", "uuid", True), FIELDS), created=True),
)  # fmt: skip


def handler(command: Command) -> Callable[[Request], Awaitable[Response]]:
    known = {p.name for p in command.params}

    async def endpoint(request: Request) -> Response:
        await person(request)  # nobody signed in: 401 before anything else
        body = await read_json_object(request)
        unknown = sorted(set(body) - known)
        if unknown:
            raise InvalidInput(unknown[0], f"Unbekannte Angabe „{unknown[0]}“.")
        kwargs: dict[str, Any] = {name: parse_uuid(name, request.path_params[name]) for name in command.path_params}
        for param in command.params:
            value = param.parse(body.get(param.name))
            if value is not None:
                kwargs[param.name] = value
        acting = await authorize(request, command.operation, kwargs)
        state = runtime(request)
        operation = getattr(state.application, command.operation)
        if command.live:
            result = await live_hooks.LIVE_HOOKS[command.live](state, kwargs, lambda: operation(acting, **kwargs))
        else:
            result = await run_sync(lambda: operation(acting, **kwargs))
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
    return endpoint


command_routes = [Route(c.path, handler(c), methods=[c.method]) for c in COMMANDS]
