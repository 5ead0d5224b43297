"""The served OpenAPI document is valid OpenAPI 3.1 and every documented
operation exists on the server (the C++ test tests/api/openapi_test.cpp checks
the other direction against the router's own table)."""
from openapi_spec_validator import validate


def test_openapi_document_validates_as_3_1(server):
    status, doc, _ = server.get("/api/openapi.json")
    assert status == 200 and doc["openapi"].startswith("3.1")
    validate(doc)


def test_every_documented_operation_is_served(server):
    _, doc, _ = server.get("/api/openapi.json")
    for path, item in doc["paths"].items():
        concrete = path.replace("{id}", "zz-unknown").replace("{version}", "1")
        for method in item:
            status, _, _ = server.request(method.upper(), concrete, raw=b"" if method != "get" else None)
            assert status != 405, (method, path)
            if status == 404:
                _, body, _ = server.request(method.upper(), concrete, raw=b"" if method != "get" else None)
                assert not body["error"]["message"].startswith("no route"), (method, path)


# What the fuzzer (scripts/schemathesis) found where the server, not the
# document, was wrong; each answered differently before its fix.

def test_validate_without_an_id_checks_the_body_even_when_it_is_empty(server):
    status, body, _ = server.post("/api/pipelines/validate", {})
    assert status == 200 and body["valid"] is False  # was 404 `no pipeline ``
    assert {p["message"] for p in body["problems"]} >= {"missing `nodes` (a list of blocks)"}
    assert server.post("/api/pipelines/validate", raw=b"")[0] == 400


def test_a_literal_route_is_not_read_as_a_pipeline_id(server):
    status, _, headers = server.get("/api/pipelines/validate")
    assert status == 405 and headers["Allow"] == "POST"  # was 404, Allow: DELETE, GET, HEAD, POST, PUT
    status, _, headers = server.request("OPTIONS", "/api/pipelines/validate")
    assert headers["Allow"] == "POST"


def test_a_version_in_the_path_is_a_whole_number(server):
    pipeline = {"id": "versioned", "name": "v", "nodes": [], "edges": []}
    assert server.post("/api/pipelines", pipeline)[0] == 201
    assert server.get("/api/pipelines/versioned/versions/1")[0] == 200
    for bad in ["1abc", "01", "1.0", "-1", "0"]:
        assert server.get(f"/api/pipelines/versioned/versions/{bad}")[0] == 404, bad  # 1abc was 200
        assert server.post(f"/api/pipelines/versioned/versions/{bad}/restore")[0] == 404, bad


def test_if_match_names_a_version_or_is_refused(server):
    pipeline = {"id": "matched", "name": "m", "nodes": [], "edges": []}
    assert server.post("/api/pipelines", pipeline)[0] == 201
    for bad in ['"x1"', "v1", '"1', "0", "1,2"]:
        status, _, _ = server.put("/api/pipelines/matched", pipeline, headers={"If-Match": bad})
        assert status == 400, bad  # digits were picked out of anything: "x1" saved over version 1
    status, body, _ = server.put("/api/pipelines/matched", pipeline, headers={"If-Match": 'W/"1"'})
    assert status == 200 and body["version"] == 2


def test_a_whole_number_may_be_written_with_a_fraction(server):
    # JSON Schema counts 587.0 as an integer, and so does every generated client.
    smtp = {"name": "mail", "kind": "smtp",
            "data": {"host": "mail.example.com", "port": 587.0, "security": "starttls"}}
    assert server.post("/api/credentials", smtp)[0] == 201  # was 422: port is not an integer


def test_a_credential_value_has_no_nul(server):
    # The validator measured "\u0000abc" as empty (refused) and "abc\u0000" as 4 long (kept).
    for token in ["\u0000abc", "abc\u0000"]:
        status, body, _ = server.post("/api/credentials", {"name": "t", "kind": "bearer", "data": {"token": token}})
        assert status == 422 and body["error"]["details"][0]["pointer"] == "/data/token", token
