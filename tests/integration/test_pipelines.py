"""Pipelines over HTTP: CRUD, versions with conflict detection, validation."""

SIMPLE = {
    "name": "Greeter",
    "nodes": [
        {"id": "who", "type": "input_text", "config": {"name": "name"}},
        {"id": "hello", "type": "template", "config": {"template": "Hello, {{ who.text }}!"}},
        {"id": "out", "type": "output_text", "config": {"name": "greeting", "text": "{{ hello.text }}"}},
    ],
    "edges": [{"source": "who", "target": "hello"}, {"source": "hello", "target": "out"}],
}


def test_new_data_directory_has_the_examples(server):
    status, body, _ = server.get("/api/pipelines")
    assert status == 200
    ids = {p["id"] for p in body["items"]}
    assert {"ticket-triage", "text-stats", "greet-each", "fetch-with-fallback"} <= ids
    assert all("definition" not in p for p in body["items"]), "the list is light"


def test_create_read_update_delete(server):
    status, created, _ = server.post("/api/pipelines", {**SIMPLE, "id": "greeter"})
    assert status == 201, created
    assert created["id"] == "greeter" and created["version"] == 1 and created["valid"] is True
    assert created["definition"]["nodes"][1]["id"] == "hello"

    status, again, _ = server.post("/api/pipelines", {**SIMPLE, "id": "greeter"})
    assert status == 409 and again["error"]["code"] == "conflict"

    doc = created["definition"]
    doc["name"] = "Greeter v2"
    status, updated, _ = server.put("/api/pipelines/greeter", doc)
    assert status == 200, updated
    assert updated["version"] == 2 and updated["name"] == "Greeter v2"

    status, read, _ = server.get("/api/pipelines/greeter")
    assert status == 200 and read["version"] == 2 and read["definition"]["version"] == 2

    assert server.delete("/api/pipelines/greeter")[0] == 204
    status, gone, _ = server.get("/api/pipelines/greeter")
    assert status == 404 and gone["error"]["code"] == "not_found"


def test_stale_update_gets_409_and_changes_nothing(server):
    _, created, _ = server.post("/api/pipelines", SIMPLE)
    pid = created["id"]
    tab_a = dict(created["definition"])
    tab_b = dict(created["definition"])
    tab_a["name"] = "saved by A"
    assert server.put(f"/api/pipelines/{pid}", tab_a)[0] == 200
    tab_b["name"] = "saved by B"
    status, body, _ = server.put(f"/api/pipelines/{pid}", tab_b)
    assert status == 409
    assert "reload" in body["error"]["message"]
    assert server.get(f"/api/pipelines/{pid}")[1]["name"] == "saved by A"


def test_update_must_name_its_base_version(server):
    _, created, _ = server.post("/api/pipelines", SIMPLE)
    doc = dict(created["definition"])
    del doc["version"]
    status, body, _ = server.put(f"/api/pipelines/{created['id']}", doc)
    assert status == 400 and body["error"]["details"][0]["pointer"] == "/version"
    status, _, _ = server.put(f"/api/pipelines/{created['id']}", doc, headers={"If-Match": '"1"'})
    assert status == 200


def test_versions_can_be_read_and_restored(server):
    _, created, _ = server.post("/api/pipelines", SIMPLE)
    pid = created["id"]
    doc = created["definition"]
    for name in ["two", "three"]:
        doc = server.put(f"/api/pipelines/{pid}", {**doc, "name": name})[1]["definition"]
    status, versions, _ = server.get(f"/api/pipelines/{pid}/versions")
    assert status == 200
    assert [v["version"] for v in versions["items"]] == [3, 2, 1]
    status, v1, _ = server.get(f"/api/pipelines/{pid}/versions/1")
    assert status == 200 and v1["name"] == "Greeter"
    status, restored, _ = server.post(f"/api/pipelines/{pid}/versions/1/restore")
    assert status == 200 and restored["version"] == 4 and restored["name"] == "Greeter"
    assert server.get(f"/api/pipelines/{pid}/versions/9")[0] == 404


def test_validate_without_saving_lists_every_problem(server):
    bad = {"nodes": [{"id": "a", "type": "llm_chatt", "config": {}},
                     {"id": "b", "type": "delay", "config": {"ms": "soon"}}],
           "edges": [{"source": "a", "target": "zzz"}]}
    status, body, _ = server.post("/api/pipelines/validate", bad)
    assert status == 200 and body["valid"] is False
    pointers = {p["pointer"] for p in body["problems"]}
    assert {"/nodes/0/type", "/nodes/1/config/ms", "/edges/0/target"} <= pointers
    assert server.get("/api/pipelines")[0] == 200
    status, body, _ = server.post("/api/pipelines/ticket-triage/validate")
    assert status == 200 and body["valid"] is True


def test_invalid_pipelines_can_be_saved_as_drafts_but_not_run(server):
    status, created, _ = server.post("/api/pipelines", {"nodes": [{"id": "x", "type": "nope"}], "edges": []})
    assert status == 201 and created["valid"] is False
    assert created["problems"][0]["pointer"] == "/nodes/0/type"
    status, body, _ = server.post(f"/api/pipelines/{created['id']}/run", {})
    assert status == 422 and body["error"]["code"] == "invalid_pipeline"
    assert body["error"]["details"][0]["pointer"] == "/nodes/0/type"


def test_node_type_catalogue(server):
    status, body, _ = server.get("/api/node-types")
    assert status == 200
    types = {t["type"]: t for t in body["items"]}
    assert {"input_text", "template", "condition", "loop", "http_request", "output_json"} <= set(types)
    condition = types["condition"]
    assert condition["config_schema"]["required"] == ["if"]
    assert condition["outputs"] == ["true", "false"]
    assert condition["output_example"] == {"value": True}
    assert condition["chosen_handle"] == "/value"
    assert types["llm_classify"]["output_handles"] == [{"each": "/labels", "name_at": "/name"}, {"name": "other"}]
    assert types["llm_classify"]["chosen_handle"] == "/label"
    assert types["input_variables"]["run_inputs"][0]["each"] == "/variables"
    assert types["template"]["output_handles"] == [] and types["template"]["chosen_handle"] is None
    assert types["template"]["config_schema"]["properties"]["template"]["x-weft-widget"] == "template"


def test_a_document_of_the_wrong_shape_is_422_naming_each_field(server):
    for doc, pointers in [
        ({"nodes": [], "edges": [[None, None]]}, ["/edges/0"]),
        ({"name": -0.5, "nodes": [], "edges": []}, ["/name"]),
        ({"nodes": {}, "edges": []}, ["/nodes"]),
        ({"edges": []}, ["/nodes"]),
        ({"nodes": [{"id": "a", "position": {"x": "left"}}], "edges": [{"source": "a", "target": 3}]},
         ["/nodes/0/position/x", "/edges/0/target"]),
    ]:
        status, body, _ = server.post("/api/pipelines", doc)
        assert status == 422, (doc, body)
        assert body["error"]["code"] == "invalid_input"
        assert [d["pointer"] for d in body["error"]["details"]] == pointers
    assert server.put("/api/pipelines/ticket-triage", {"version": 1, "nodes": {}, "edges": []})[0] == 422
    # A well-shaped draft with problems is still saved.
    status, body, _ = server.post("/api/pipelines", {"nodes": [{"id": "a", "type": "nope"}], "edges": []})
    assert status == 201 and body["valid"] is False


def test_validate_with_an_empty_document_lists_problems(server):
    status, body, _ = server.post("/api/pipelines/validate", {})
    assert status == 200, body
    assert body["valid"] is False and body["problem_count"] == len(body["problems"]) == 2
    assert {p["pointer"] for p in body["problems"]} == {""}
    assert any("`nodes`" in p["message"] for p in body["problems"])


def test_pipeline_ids_follow_a_pattern_that_cannot_shadow_a_route(server):
    for bad in ["validate", "-x", "a b", "a" * 65, "x.y"]:
        status, body, _ = server.post("/api/pipelines", {**SIMPLE, "id": bad})
        assert status == 422, (bad, body)
        assert body["error"]["details"][0]["pointer"] == "/id"
        assert "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$" in body["error"]["message"]
    assert server.post("/api/pipelines", {**SIMPLE, "id": "validate-2"})[0] == 201
    # An empty id, like none, asks the server for one.
    status, made, _ = server.post("/api/pipelines", {**SIMPLE, "id": ""})
    assert status == 201 and made["id"].startswith("pl_"), made
    assert server.get("/api/pipelines/validate")[0] == 405  # the literal route, which only POSTs


def test_a_deleted_pipeline_does_not_run_under_a_recreated_id(server):
    def pipeline(text):
        return {"id": "reborn", "nodes": [
            {"id": "t", "type": "template", "config": {"template": text}},
            {"id": "out", "type": "output_text", "config": {"name": "said", "text": "{{ t.text }}"}}],
            "edges": [{"source": "t", "target": "out"}]}

    assert server.post("/api/pipelines", pipeline("old"))[0] == 201
    status, run, _ = server.post("/api/pipelines/reborn/run", {})
    assert status == 200 and run["outputs"] == {"said": "old"}
    assert server.delete("/api/pipelines/reborn")[0] == 204
    status, created, _ = server.post("/api/pipelines", pipeline("new"))
    assert status == 201 and created["version"] == 1
    status, run, _ = server.post("/api/pipelines/reborn/run", {})
    assert status == 200 and run["outputs"] == {"said": "new"}

    # Its problems are its own too: a broken pipeline, deleted, then a valid one.
    broken = {"id": "reborn2", "nodes": [{"id": "a", "type": "nope"}], "edges": []}
    assert server.post("/api/pipelines", broken)[1]["valid"] is False
    assert server.delete("/api/pipelines/reborn2")[0] == 204
    status, created, _ = server.post("/api/pipelines", {**pipeline("fine"), "id": "reborn2"})
    assert status == 201 and created["valid"] is True, created
    assert server.get("/api/pipelines/reborn2")[1]["problems"] == []
