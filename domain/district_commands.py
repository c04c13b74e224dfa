"""Commands on the district register and on a measure's districts (mixed into the application)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from domain import validation as check
from domain.districts import CITYWIDE_ID, CITYWIDE_NAME, REGISTER_ID, DistrictRegister
from domain.errors import InvalidInput, NotFound
from domain.measure import Measure

if TYPE_CHECKING:
    from domain.application import Sozialkonferenz as _App
else:
    _App = object

MAX_DISTRICTS_PER_MEASURE = 50


class DistrictCommands(_App):
    def district_register(self) -> DistrictRegister | None:
        """The city's register, or ``None`` before the first district was registered."""
        try:
            return self.load(DistrictRegister, REGISTER_ID)
        except NotFound:
            return None

    def _name(self, name: Any) -> str:
        return check.text("name", name, label="Name des Sozialraums", max_length=100)

    def register_district(self, actor: UUID, name: str) -> UUID:
        """Add a district; the first one also establishes the register (with "gesamtstädtisch")."""
        name = self._name(name)
        register = self.district_register() or DistrictRegister(
            actor=actor, citywide_id=CITYWIDE_ID, citywide_name=CITYWIDE_NAME
        )
        district_id = uuid4()
        register.register(actor, district_id, name)
        self.save(register)
        return district_id

    def _existing_register(self, district_id: Any, field: str) -> tuple[DistrictRegister, UUID]:
        district_id = check.uuid(field, district_id, label="Kennung (Sozialraum)")
        register = self.district_register()
        if register is None:
            raise NotFound("Sozialraum", district_id)
        register.get(district_id)
        return register, district_id

    def rename_district(self, actor: UUID, district_id: Any, name: str) -> None:
        name = self._name(name)
        register, district_id = self._existing_register(district_id, "district_id")
        register.rename(actor, district_id, name)
        self.save(register)

    def retire_district(self, actor: UUID, district_id: Any, reason: str) -> None:
        reason = check.reason(reason)
        register, district_id = self._existing_register(district_id, "district_id")
        register.retire(actor, district_id, reason)
        self.save(register)

    def set_measure_districts(self, actor: UUID, measure_id: Any, district_ids: list[Any]) -> None:
        """Name the districts a measure is for (any status: it classifies, it changes no decided text)."""
        measure = self.load(Measure, measure_id, field="measure_id")
        if not isinstance(district_ids, list):
            raise InvalidInput("district_ids", "Die Sozialräume müssen als Liste angegeben werden.")
        if len(district_ids) > MAX_DISTRICTS_PER_MEASURE:
            raise InvalidInput(
                "district_ids", f"Eine Maßnahme kann höchstens {MAX_DISTRICTS_PER_MEASURE} Sozialräume nennen."
            )
        ids: list[UUID] = []
        for i, value in enumerate(district_ids):
            district_id = check.uuid(f"district_ids.{i}", value, label="Kennung (Sozialraum)")
            if district_id not in ids:
                ids.append(district_id)
        if ids:
            register = self.district_register()
            if register is None:
                raise NotFound("Sozialraum", ids[0])
            for district_id in ids:
                if district_id not in measure.district_ids:  # a district retired later may stay named
                    register.require_active(district_id)
        measure.set_districts(actor, ids)
        self.save(measure)
