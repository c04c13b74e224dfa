"""A crawler for the tests: from ``/oparl/v1/system`` through every URL an answer contains, list pages included."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from starlette.testclient import TestClient

from tests.oparl.oparl_schema import embedded_objects

ROOT = "http://testserver/oparl/v1"


@dataclass
class Crawl:
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → the object at its own URL
    listed: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → the object as a list showed it
    embedded: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # access URL → bytes, content type
    texts: list[str] = field(default_factory=list)
    dead: list[str] = field(default_factory=list)

    def of_type(self, kind: str) -> dict[str, dict[str, Any]]:
        return {i: o for i, o in self.objects.items() if o["type"].endswith("/" + kind)}


def urls_in(value: Any) -> Iterator[str]:
    if isinstance(value, str) and value.startswith(ROOT):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from urls_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from urls_in(item)


def crawl(client: TestClient, start: str = ROOT + "/system") -> Crawl:
    found = Crawl()
    queue, seen = [start], set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            found.dead.append(f"{url}: {response.status_code}")
            continue
        assert response.headers["access-control-allow-origin"] == "*", url
        found.texts.append(response.text)
        if not response.headers["content-type"].startswith("application/json"):
            found.files[url] = (response.content, response.headers["content-type"])
            continue
        document = response.json()
        queue.extend(urls_in(document))
        if "data" in document:
            assert set(document) == {"data", "pagination", "links"}, url
            assert (
                "next" in document["links"]
                or document["pagination"]["currentPage"] == document["pagination"]["totalPages"]
            ), url
            found.listed.update((o["id"], o) for o in document["data"])
            continue
        assert document["id"] == url.partition("?")[0], url
        found.objects[document["id"]] = document
        for inner in embedded_objects(document):
            found.embedded[inner["id"]] = inner
    return found
