"""The city's districts (Sozialräume) as reference data: one register per installation.

The register is one aggregate with a fixed id, so names stay unique and a measure's district ids
are checked against one consistent list. It starts with "gesamtstädtisch" (the whole city), which
can be renamed but not retired. Districts are registered, renamed and retired as events; a retired
district keeps its id and name for the measures that named it, but cannot be named again.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.clock import DomainAggregate
from domain.errors import NotFound, RuleViolation

REGISTER_ID = uuid5(UUID("6f1c3a52-33a1-4f0e-9d41-0c3f1b1d2a10"), "district-register")
CITYWIDE_ID = uuid5(REGISTER_ID, "gesamtstädtisch")
CITYWIDE_NAME = "gesamtstädtisch"


class DistrictRegister(DomainAggregate):
    """The list of districts: ``districts`` holds ``{"id", "name", "citywide", "retired"}`` in order of registration."""

    @staticmethod
    def create_id(*args: Any, **kwargs: Any) -> UUID:
        return REGISTER_ID

    @event("Established")
    def __init__(self, actor: UUID, citywide_id: UUID, citywide_name: str) -> None:
        self.districts: list[dict[str, Any]] = [
            {"id": citywide_id, "name": citywide_name, "citywide": True, "retired": False}
        ]

    # --- rules -----------------------------------------------------------------

    def get(self, district_id: UUID) -> dict[str, Any]:
        for district in self.districts:
            if district["id"] == district_id:
                return district
        raise NotFound("Sozialraum", district_id)

    def _require_unique(self, name: str, except_id: UUID | None = None) -> None:
        for district in self.districts:
            if (
                district["id"] != except_id
                and not district["retired"]
                and district["name"].casefold() == name.casefold()
            ):
                raise RuleViolation(
                    f"Einen Sozialraum „{district['name']}“ gibt es bereits.",
                    code="district_exists",
                    district_id=district["id"],
                )

    def require_active(self, district_id: UUID, field: str = "district_ids") -> None:
        district = self.get(district_id)
        if district["retired"]:
            raise RuleViolation(
                f"Der Sozialraum „{district['name']}“ ist aufgelöst und kann nicht mehr zugeordnet werden.",
                code="district_retired",
                district_id=district_id,
                field=field,
            )

    # --- commands --------------------------------------------------------------

    def register(self, actor: UUID, district_id: UUID, name: str) -> None:
        self._require_unique(name)
        self._registered(actor=actor, district_id=district_id, name=name)

    def rename(self, actor: UUID, district_id: UUID, name: str) -> None:
        self.require_active(district_id, field="district_id")
        self._require_unique(name, except_id=district_id)
        if self.get(district_id)["name"] != name:
            self._renamed(actor=actor, district_id=district_id, name=name)

    def retire(self, actor: UUID, district_id: UUID, reason: str) -> None:
        self.require_active(district_id, field="district_id")
        if self.get(district_id)["citywide"]:
            raise RuleViolation(
                "„gesamtstädtisch“ gehört immer zur Liste der Sozialräume und kann nicht aufgelöst werden.",
                code="citywide_district",
            )
        self._retired(actor=actor, district_id=district_id, reason=reason)

    # --- events ----------------------------------------------------------------

    @event("DistrictRegistered")
    def _registered(self, actor: UUID, district_id: UUID, name: str) -> None:
        self.districts = [*self.districts, {"id": district_id, "name": name, "citywide": False, "retired": False}]

    @event("DistrictRenamed")
    def _renamed(self, actor: UUID, district_id: UUID, name: str) -> None:
        self.districts = [{**d, "name": name} if d["id"] == district_id else d for d in self.districts]

    @event("DistrictRetired")
    def _retired(self, actor: UUID, district_id: UUID, reason: str) -> None:
        self.districts = [{**d, "retired": True} if d["id"] == district_id else d for d in self.districts]
