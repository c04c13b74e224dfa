"""The OParl interface's settings (read by ``server.config``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OParlSettings:
    public_url: str = ""  # SOZIALKONFERENZ_PUBLIC_URL: ids start with it instead of the request's base URL
    city_name: str = "Stadt"  # SOZIALKONFERENZ_CITY_NAME: the name of the city's Body
