"""Drafts and publishing: an editor test run of an unsaved document runs that
draft, while `/run` (and every other trigger) keeps running the published
version; only a save (PUT) makes a version. And validation that forgets a
deleted pipeline."""
import copy

PIPE = {
    "id": "drafty",
    "nodes": [
        {"id": "topic", "type": "input_text", "config": {"name": "topic"}},
        {"id": "shout", "type": "template", "config": {"template": "{{ topic.text | upper }}!"}},
        {"id": "answer", "type": "output_text", "config": {"name": "answer", "text": "{{ shout.text }}"}},
    ],
    "edges": [{"source": "topic", "target": "shout"}, {"source": "shout", "target": "answer"}],
}


def created(server, doc=PIPE):
    status, body, _ = server.post("/api/pipelines", doc)
    assert status == 201, body
    return body


def draft_of(doc, template):
    draft = copy.deepcopy(doc)
    draft["version"] = 1
    draft["nodes"][1]["config"]["template"] = template
    return draft


def versions(server, pipeline_id):
    status, body, _ = server.get(f"/api/pipelines/{pipeline_id}/versions")
    assert status == 200, body
    return [v["version"] for v in body["items"]]


def test_a_test_run_of_a_draft_runs_the_draft_and_makes_no_version(server):
    created(server)
    draft = draft_of(PIPE, "draft says {{ topic.text }}")
    status, body, _ = server.post("/api/pipelines/drafty/test-run?wait=true",
                                  {"document": draft, "inputs": {"topic": "cats"}})
    assert status == 200, body
    assert body["status"] == "succeeded" and body["outputs"] == {"answer": "draft says cats"}
    detail = server.wait_for_status(body["execution_id"], {"succeeded"})
    assert detail["pipeline_version"] == 1, "a draft run is recorded against its base version"

    status, published, _ = server.post("/api/pipelines/drafty/run", {"topic": "cats"})
    assert status == 200 and published["outputs"] == {"answer": "CATS!"}, published
    assert versions(server, "drafty") == [1]

    status, saved, _ = server.put("/api/pipelines/drafty", draft)
    assert status == 200 and saved["version"] == 2, saved
    status, published, _ = server.post("/api/pipelines/drafty/run", {"topic": "cats"})
    assert published["outputs"] == {"answer": "draft says cats"}, "publishing changes what /run uses"


def test_a_broken_draft_is_refused_with_its_problems_and_the_published_version_still_runs(server):
    created(server)
    broken = copy.deepcopy(PIPE)
    broken["version"] = 1
    broken["edges"] = broken["edges"][:1]  # the output's connection deleted
    status, body, _ = server.post("/api/pipelines/drafty/test-run", {"document": broken})
    assert status == 422 and body["error"]["code"] == "invalid_pipeline", body
    problems = body["error"]["details"]
    assert any(p["pointer"].startswith("/nodes/2/config") and "shout" in p["message"] for p in problems), problems

    status, published, _ = server.post("/api/pipelines/drafty/run", {"topic": "owls"})
    assert status == 200 and published["outputs"] == {"answer": "OWLS!"}
    assert versions(server, "drafty") == [1]


def test_a_draft_of_another_pipeline_is_refused(server):
    created(server)
    other = dict(draft_of(PIPE, "x"), id="someone-else")
    status, body, _ = server.post("/api/pipelines/drafty/test-run", {"document": other})
    assert status == 422 and body["error"]["code"] == "invalid_pipeline", body
    assert body["error"]["details"][0]["pointer"] == "/document/id"


def test_a_draft_of_the_wrong_shape_or_not_an_object_is_refused(server):
    created(server)
    status, body, _ = server.post("/api/pipelines/drafty/test-run", {"document": {"nodes": "many", "edges": []}})
    assert status == 422 and body["error"]["details"][0]["pointer"] == "/nodes", body
    status, body, _ = server.post("/api/pipelines/drafty/test-run", {"document": [1]})
    assert status == 400 and "`document` must be a pipeline document" in body["error"]["message"], body


def test_pins_and_only_node_work_on_a_draft(server):
    created(server)
    status, first, _ = server.post("/api/pipelines/drafty/test-run?wait=true", {"inputs": {"topic": "emus"}})
    assert first["outputs"] == {"answer": "EMUS!"}
    draft = draft_of(PIPE, "only {{ topic.text }}")
    status, alone, _ = server.post("/api/pipelines/drafty/test-run?wait=true",
                                   {"document": draft, "only_node": "shout",
                                    "from_execution": first["execution_id"]})
    assert status == 200, alone
    detail = server.wait_for_status(alone["execution_id"], {"succeeded"})
    runs = {n["node_id"]: n for n in detail["node_runs"]}
    assert runs["shout"]["output"] == {"text": "only emus"}
    assert runs["answer"]["status"] == "skipped"

    draft["pinned"] = {"shout": {"text": "pinned"}}
    status, pinned, _ = server.post("/api/pipelines/drafty/test-run?wait=true",
                                    {"document": draft, "inputs": {"topic": "emus"}})
    assert status == 200 and pinned["outputs"] == {"answer": "pinned"}, pinned


def test_a_pipeline_created_again_under_a_deleted_id_is_validated_afresh(server):
    broken = copy.deepcopy(PIPE)
    broken["edges"] = []
    body = created(server, broken)
    assert body["valid"] is False
    status, body, _ = server.get("/api/pipelines/drafty")
    assert body["valid"] is False
    status, _, _ = server.delete("/api/pipelines/drafty")
    assert status == 204
    body = created(server)
    assert body["valid"] is True, body
    status, body, _ = server.get("/api/pipelines/drafty")
    assert body["valid"] is True and body["problems"] == [], body
    status, ran, _ = server.post("/api/pipelines/drafty/run", {"topic": "yaks"})
    assert status == 200 and ran["outputs"] == {"answer": "YAKS!"}, ran
