"""What every xAPI client meets first: the About resource, the version header both ways, the
health check, the OpenAPI document, and errors that are always JSON with a message."""

from __future__ import annotations

import httpx
import pytest

from tests.centre.support import Centre, error_of


def test_about_needs_no_sign_in_and_no_version_header(centre: Centre):
    """A client reads /xapi/about to learn which version to send, so it cannot demand one."""
    response = httpx.get(f"{centre.url}/xapi/about")
    assert response.status_code == 200
    assert response.json() == {"version": ["1.0.3"]}
    assert response.headers["X-Experience-API-Version"] == "1.0.3"


def test_statements_without_the_version_header_are_refused_before_sign_in(centre: Centre):
    response = httpx.get(f"{centre.url}/xapi/statements")
    assert response.status_code == 400
    assert "X-Experience-API-Version" in error_of(response)
    assert response.headers["X-Experience-API-Version"] == "1.0.3"


@pytest.mark.parametrize("version", ["0.95", "1.1.0", "2.0.0", "1.0.x", "latest"])
def test_versions_other_than_1_0_are_refused(centre: Centre, kiosk_key, version: str):
    response = httpx.get(f"{centre.url}/xapi/statements", headers={"X-Experience-API-Version": version}, auth=kiosk_key)
    assert response.status_code == 400
    assert version in error_of(response)


@pytest.mark.parametrize("version", ["1.0", "1.0.0", "1.0.3", "1.0.9"])
def test_every_1_0_version_is_accepted(centre: Centre, kiosk_key, version: str):
    response = httpx.get(
        f"{centre.url}/xapi/statements?limit=1", headers={"X-Experience-API-Version": version}, auth=kiosk_key
    )
    assert response.status_code == 200, response.text


def test_statement_responses_carry_version_and_consistent_through(xapi: httpx.Client):
    response = xapi.get("/xapi/statements", params={"limit": 1})
    assert response.status_code == 200
    assert response.headers["X-Experience-API-Version"] == "1.0.3"
    assert response.headers["X-Experience-API-Consistent-Through"].endswith("Z")


def test_head_answers_like_get_without_a_body(xapi: httpx.Client):
    response = xapi.head("/xapi/statements", params={"limit": 1})
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["X-Experience-API-Version"] == "1.0.3"


def test_healthz_names_the_database(centre: Centre):
    response = httpx.get(f"{centre.url}/healthz")
    assert response.status_code == 200
    assert response.json() == {"ok": True, "db": "sqlite"}


def test_openapi_describes_the_statements_resource(centre: Centre):
    document = httpx.get(f"{centre.url}/openapi.json").json()
    assert {"get", "post", "put"} <= set(document["paths"]["/xapi/statements"])
    schemas = document["components"]["schemas"]
    assert {"Statement", "Agent", "Activity", "StatementRef"} <= set(schemas)
    assert document["components"]["securitySchemes"]["HTTPBasic"]["scheme"] == "basic"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/nowhere", 404), ("GET", "/xapi/activities", 404), ("DELETE", "/xapi/statements", 405)],
)
def test_unknown_places_and_methods_are_json_errors(centre: Centre, method: str, path: str, status: int):
    response = httpx.request(method, f"{centre.url}{path}", headers={"X-Experience-API-Version": "1.0.3"})
    assert response.status_code == status
    error_of(response)
