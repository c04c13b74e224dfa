"""What an HTTP operation takes and answers, declared once: the same models check each request and make
the OpenAPI document (``server.http.openapi``).

A failed check becomes ``InvalidInput`` (400, problem+json, ``code`` ``invalid_input``) naming the
parameter as a dotted path (``fields.goal``, ``organisation_ids.0``) with a German message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from starlette.requests import Request
from starlette.responses import Response

from domain.errors import InvalidInput
from server.http.params import read_json_object
from server.http.refusals import refusal
from server.http.types import Uuid

M = TypeVar("M", bound=BaseModel)
Endpoint = Callable[[Request], Awaitable[Response]]

# Path parameters are ids (UUIDs) unless named here (an invitation's token; a token's id is its hash, and one
# that names no token, whatever its form, is not found).
PATH_TYPES: dict[str, Any] = {"token": str, "token_id": str}
_PATH_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


@dataclass(frozen=True)
class Body:
    """A request body that is one of several shapes, told apart by ``discriminator`` (a tagged union)."""

    name: str
    adapter: TypeAdapter[Any]
    discriminator: str
    tags: frozenset[str]
    variants: tuple[type[BaseModel], ...]


@dataclass(frozen=True)
class Contract:
    summary: str
    query: type[BaseModel] | None = None
    body: type[BaseModel] | Body | None = None
    status: int = 200  # of the answer when all went well
    media_type: str = "application/json"  # of that answer
    public: bool = False  # answered without signing in
    problems: Mapping[int, str] = field(default_factory=dict)  # refusals worth naming beside the usual ones
    operation_id: str = ""


def operation(contract: Contract) -> Callable[[Endpoint], Endpoint]:
    """Attach the contract to an endpoint: ``server.http.openapi`` reads it from the routes."""

    def attach(endpoint: Endpoint) -> Endpoint:
        endpoint.contract = contract  # type: ignore[attr-defined]
        return endpoint

    return attach


def contract_of(endpoint: Any) -> Contract | None:
    return getattr(endpoint, "contract", None)


def path_type(name: str) -> Any:
    return PATH_TYPES.get(name, Uuid)


def path_value(request: Request, name: str) -> Any:
    """A path parameter, checked against its type (a UUID unless ``PATH_TYPES`` says otherwise)."""
    kind = path_type(name)
    if kind not in _PATH_ADAPTERS:
        _PATH_ADAPTERS[kind] = TypeAdapter(kind)
    try:
        return _PATH_ADAPTERS[kind].validate_python(request.path_params[name], strict=True)
    except ValidationError as error:
        raise refusal(error.errors(include_url=False)[0], name) from None


def query(request: Request, model: type[M]) -> M:
    """The query string, checked by its model (unknown names are left alone, as HTTP caches and proxies add some)."""
    return validate(model, dict(request.query_params), strict=False)


async def body(request: Request, model: type[BaseModel] | Body) -> dict[str, Any]:
    """The JSON body, checked by its model, as keyword arguments: what was left out or sent as null is absent."""
    return validated_body(model, await read_json_object(request))


def validated_body(model: type[BaseModel] | Body, data: dict[str, Any]) -> dict[str, Any]:
    if isinstance(model, Body):
        try:
            value = model.adapter.validate_python(data, strict=True)
        except ValidationError as error:
            raise _first(error, tags=model.tags, discriminator=model.discriminator) from None
    else:
        value = validate(model, data)
    return dict(value.model_dump(exclude_unset=True, exclude_none=True))


def validate(model: type[M], data: Mapping[str, Any], *, strict: bool = True) -> M:
    try:
        return model.model_validate(data, strict=strict)
    except ValidationError as error:
        raise _first(error) from None


def _first(error: ValidationError, tags: frozenset[str] = frozenset(), discriminator: str = "") -> InvalidInput:
    """The first problem, an unknown parameter before all others (as a client most likely misspelt it)."""
    details = error.errors(include_url=False)
    unknown = [d for d in details if d["type"] == "extra_forbidden"]
    detail = (unknown or details)[0]
    loc = [str(part) for part in detail["loc"]]
    if "[key]" in loc:  # a name inside an object (indicator_actuals): the object is the parameter to name
        loc = loc[: loc.index("[key]") - 1]
    if loc and loc[0] in tags:
        loc = loc[1:]
    if not loc and detail["type"].startswith("union_tag"):
        loc = [discriminator]
    return refusal(detail, ".".join(loc) or "body")
