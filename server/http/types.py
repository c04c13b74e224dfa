"""The value types of the HTTP API, each declared once as a pydantic type that checks requests and names its
JSON Schema.

Every pattern is written so that the three regular-expression engines involved agree on it (ECMA-262 for
clients and OpenAPI tools, Rust's ``regex`` in pydantic, Python's ``re``): explicit character classes, no
``\\s``. "Blank" means what the domain's ``str.strip()`` removes, so a text the schema calls non-blank is
one the domain keeps. No text may contain NUL (PostgreSQL cannot store it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from annotated_types import Interval
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    TypeAdapter,
    WithJsonSchema,
)

from domain.measure import FACTOR_CATEGORIES
from domain.texts import FIELD_LABELS, MAX_FIELD_LENGTH

# Exactly the characters Python's str.isspace() (and so str.strip()) treats as white space.
WHITE = "\\t-\\r\\x1c- \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
ANY_TEXT = "^[^\\x00]*$"
NON_BLANK = f"^[{WHITE}]*[^\\x00{WHITE}][^\\x00]*$"
UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# RFC 3339; a blank may stand for "+" (an unencoded "+" in a query string arrives as a blank).
DATE_TIME_PATTERN = (
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,9})?(?:[Zz]|[-+ ][0-9]{2}:[0-9]{2})$"
)
LOGIN_PATTERN = f"^[{WHITE}]*[^\\x00{WHITE}]{{3,200}}[{WHITE}]*$"
EMAIL_PATTERN = f"^(?:[{WHITE}]*|[^\\x00]*@[^\\x00]*)$"
INTEGER_PATTERN = "^-?[0-9]+$"
# A number as text: at most 11 digits before the decimal point or comma (so the value stays under 10¹¹).
DECIMAL_PATTERN = "^[-+]?(?:0*[0-9]{1,11}(?:[.,][0-9]*)?|[.,][0-9]+)$"

# The German message for a value that does not match a pattern ({name} is the parameter's name).
PATTERN_MESSAGES = {
    ANY_TEXT: "„{name}“ enthält ein NUL-Zeichen.",
    NON_BLANK: "„{name}“ darf nicht leer sein.",
    UUID_PATTERN: "„{name}“ ist keine gültige Kennung (UUID).",
    DATE_PATTERN: "„{name}“ ist kein gültiges Datum (JJJJ-MM-TT).",
    DATE_TIME_PATTERN: "„{name}“ ist kein gültiger Zeitpunkt (ISO 8601 mit Zeitzone, z. B. 2026-11-19T10:00:00+01:00).",
    LOGIN_PATTERN: "Der Anmeldename muss 3 bis 200 Zeichen lang sein und darf keine Leerzeichen enthalten.",
    EMAIL_PATTERN: "Die E-Mail-Adresse ist ungültig.",
    DECIMAL_PATTERN: "„{name}“ muss eine Zahl sein (zum Beispiel 12 oder 12,5; höchstens elf Stellen vor dem Komma).",
}


def text(max_length: int = 500, *, blank: bool = False, min_length: int | None = None) -> Any:
    """A text of at most ``max_length`` characters; non-blank unless ``blank``."""
    pattern = ANY_TEXT if blank else NON_BLANK
    return Annotated[str, StringConstraints(pattern=pattern, max_length=max_length, min_length=min_length)]


def _valid_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError("ist kein gültiges Datum (JJJJ-MM-TT)") from None


def _moment(value: str) -> datetime:
    """RFC 3339 to an aware datetime (fractions beyond microseconds are cut)."""
    value = value.upper().replace("Z", "+00:00")
    head, sign, offset = value[:19], value[-6], value[-5:]
    fraction = value[19:-6].lstrip(".")[:6].ljust(6, "0") if len(value) > 25 else "000000"
    try:
        return datetime.fromisoformat(f"{head}.{fraction}{'+' if sign == ' ' else sign}{offset}")
    except ValueError:
        raise ValueError("ist kein gültiger Zeitpunkt") from None


def query_integer(value: Any) -> Any:
    """Query values are text: only plain decimal digits become a number (no blanks, plus signs or underscores)."""
    if isinstance(value, str):
        if re.fullmatch("-?[0-9]+", value) is None:
            raise ValueError("muss eine ganze Zahl sein")
        return int(value)
    return value


def _parsed(pattern: str, parse: Callable[[str], Any], message: str) -> Callable[[Any], Any]:
    """Text matching ``pattern`` (the schema's own), turned into the value the domain takes."""

    def check(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # the type check that follows names the wrong type
        if re.fullmatch(pattern.strip("^$"), value) is None:
            raise ValueError(message)
        return parse(value)

    return check


def _string(pattern: str, format: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "format": format, "pattern": pattern})


Uuid = Annotated[
    UUID,
    BeforeValidator(_parsed(UUID_PATTERN, UUID, "ist keine gültige Kennung (UUID)")),
    _string(UUID_PATTERN, "uuid"),
]
IsoDate = Annotated[
    str,
    StringConstraints(pattern=DATE_PATTERN),
    AfterValidator(_valid_date),
    Field(json_schema_extra={"format": "date"}),
]
Moment = Annotated[
    datetime,
    BeforeValidator(_parsed(DATE_TIME_PATTERN, _moment, "ist kein gültiger Zeitpunkt (ISO 8601 mit Zeitzone)")),
    _string(DATE_TIME_PATTERN, "date-time"),
]


def _whole_number(value: Any) -> Any:
    """JSON Schema counts 31.0 as an integer; so does the API."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def whole(low: int, high: int) -> Any:
    """A whole number in a JSON body, from ``low`` to ``high``."""
    return Annotated[int, Interval(ge=low, le=high), BeforeValidator(_whole_number)]


def query_int(low: int, high: int) -> Any:
    """A whole number from a query string, from ``low`` to ``high``."""
    return Annotated[int, Interval(ge=low, le=high), BeforeValidator(query_integer)]


Login = Annotated[str, StringConstraints(pattern=LOGIN_PATTERN)]
Password = Annotated[str, StringConstraints(pattern=ANY_TEXT, min_length=10, max_length=1000)]
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN, max_length=320)]
ChainHead = Annotated[str, StringConstraints(pattern="^[0-9]+:[0-9a-fA-F]{64}$")]
Line = text()  # a name, title or topic: non-blank, at most 500 characters
OptionalLine = text(blank=True)
Reason = text(5000)
Note = text(5000, blank=True)
FieldText = text(MAX_FIELD_LENGTH, blank=True)


class Model(BaseModel):
    """A request's parameters: unknown names are refused, JSON types are not converted."""

    model_config = ConfigDict(extra="forbid", strict=True, regex_engine="rust-regex")


class ProposalFields(Model):
    """The text fields of a measure proposal; only those sent are changed."""

    title: FieldText = Field("", description=FIELD_LABELS["title"])
    description: FieldText = Field("", description=FIELD_LABELS["description"])
    goal: FieldText = Field("", description=FIELD_LABELS["goal"])
    target_group: FieldText = Field("", description=FIELD_LABELS["target_group"])
    district: FieldText = Field("", description=FIELD_LABELS["district"])
    lead: FieldText = Field("", description=FIELD_LABELS["lead"])
    partners: FieldText = Field("", description=FIELD_LABELS["partners"])
    timeframe: FieldText = Field("", description=FIELD_LABELS["timeframe"])
    cost: FieldText = Field("", description=FIELD_LABELS["cost"])
    funding: FieldText = Field("", description=FIELD_LABELS["funding"])
    indicators: FieldText = Field("", description=FIELD_LABELS["indicators"])


# A measured value: a JSON number, or text with a decimal point or comma ("12,5"). Stored as exact decimal text.
MEASURED_LIMIT = 1e11


def _measured(value: Any) -> Any:
    """One check for both shapes, so a refusal names the parameter once, in German."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not -MEASURED_LIMIT < value < MEASURED_LIMIT:  # also NaN and infinity
            raise ValueError("muss eine Zahl unter 100 Milliarden (dem Betrag nach) sein")
        return value
    if isinstance(value, str) and len(value) <= 100 and re.fullmatch(DECIMAL_PATTERN.strip("^$"), value):
        return value
    raise ValueError("muss eine Zahl sein (zum Beispiel 12 oder 12,5; höchstens elf Stellen vor dem Komma)")


Measured = Annotated[
    Any,
    PlainValidator(_measured),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": -MEASURED_LIMIT, "exclusiveMaximum": MEASURED_LIMIT},
                {"type": "string", "pattern": DECIMAL_PATTERN, "maxLength": 100},
            ]
        }
    ),
]
Year = whole(1900, 2100)
IndicatorName = text(200)


class IndicatorPoint(Model):
    """A baseline or target: the value and the year it refers to (each may be left out)."""

    value: Measured | None = Field(None, description="Wert")
    year: Year | None = Field(None, description="Jahr")


class Indicator(Model):
    """Baseline and target as ``{"value", "year"}``; a text (as before) is read as a number where it plainly is
    one, and kept as remark otherwise."""

    name: IndicatorName = Field(description="Indikator")
    unit: OptionalLine | None = Field(None, description="Einheit")
    baseline: IndicatorPoint | OptionalLine | None = Field(None, description="Ausgangswert")
    target: IndicatorPoint | OptionalLine | None = Field(None, description="Zielwert")
    remark: Note | None = Field(None, description="Bemerkung")


class Factor(Model):
    """An obstacle or enabler of an evaluated measure."""

    category: Literal[tuple(FACTOR_CATEGORIES)]  # type: ignore[valid-type]
    text: Reason = Field(description="Beschreibung")


_LINE_SCHEMA = TypeAdapter(Line).json_schema()
# Indicator name → actual value. Pydantic would describe the names as patternProperties, which lets names
# outside the pattern through; propertyNames says what the model checks.
Actuals = Annotated[
    dict[Line, Line],
    WithJsonSchema({"type": "object", "propertyNames": _LINE_SCHEMA, "additionalProperties": _LINE_SCHEMA}),
]
