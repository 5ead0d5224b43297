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
