"""Editor runs (`POST /api/pipelines/{id}/test-run`): pinned outputs, running
from a node, running one node alone, and the errors of each."""
import pytest

# fetch -> shout -> answer; `fetch` is slow so reusing it shows in the timing.
PIPE = {
    "id": "builder",
    "nodes": [
        {"id": "topic", "type": "input_text", "config": {"name": "topic"}},
        {"id": "fetch", "type": "delay", "config": {"ms": 600}},
        {"id": "draft", "type": "template", "config": {"template": "about {{ topic.text }}"}},
        {"id": "shout", "type": "template", "config": {"template": "{{ draft.text | upper }}!"}},
        {"id": "answer", "type": "output_text", "config": {"name": "answer", "text": "{{ shout.text }}"}},
    ],
    "edges": [{"source": "topic", "target": "fetch"}, {"source": "fetch", "target": "draft"},
              {"source": "draft", "target": "shout"}, {"source": "shout", "target": "answer"}],
}


@pytest.fixture
def builder(server):
    status, body, _ = server.post("/api/pipelines", PIPE)
    assert status == 201, body
    return server


def node_runs(server, execution_id):
    detail = server.wait_for_status(execution_id, {"succeeded", "failed"})
    return detail, {n["node_id"]: n for n in detail["node_runs"]}


def post_test_run(server, body, wait=True):
    status, started, _ = server.post(f"/api/pipelines/builder/test-run?wait={'true' if wait else 'false'}", body)
    return status, started


def test_a_test_run_answers_at_once_and_runs_the_saved_version(builder):
    status, started = post_test_run(builder, {"inputs": {"topic": "cats"}}, wait=False)
    assert status == 202 and started["status"] == "running"
    detail, runs = node_runs(builder, started["execution_id"])
    assert detail["outputs"] == {"answer": "ABOUT CATS!"}
    assert runs["fetch"]["duration_ms"] >= 590


def test_a_pinned_output_stands_in_for_its_node_in_editor_runs_only(builder):
    pinned = dict(PIPE, version=1, pinned={"draft": {"text": "pinned words"}})
    status, body, _ = builder.put("/api/pipelines/builder", pinned)
    assert status == 200, body
    status, started = post_test_run(builder, {"inputs": {"topic": "cats"}})
    assert status == 200 and started["outputs"] == {"answer": "PINNED WORDS!"}
    _, runs = node_runs(builder, started["execution_id"])
    assert runs["draft"]["output"] == {"text": "pinned words"}
    status, plain, _ = builder.post("/api/pipelines/builder/run", {"topic": "cats"})
    assert plain["outputs"] == {"answer": "ABOUT CATS!"}, "API runs ignore pins"
    status, unpinned = post_test_run(builder, {"inputs": {"topic": "cats"}, "use_pinned": False})
    assert unpinned["outputs"] == {"answer": "ABOUT CATS!"}


def test_run_from_a_node_reuses_what_ran_upstream(builder):
    status, first = post_test_run(builder, {"inputs": {"topic": "dogs"}})
    assert first["status"] == "succeeded"
    status, again = post_test_run(builder, {"from_node": "shout"})
    assert status == 200 and again["outputs"] == {"answer": "ABOUT DOGS!"}, again
    _, runs = node_runs(builder, again["execution_id"])
    assert runs["fetch"]["duration_ms"] < 100, "the slow node was not run again"
    assert runs["shout"]["status"] == "succeeded" and runs["answer"]["status"] == "succeeded"


def test_one_node_runs_alone_with_the_inputs_it_last_received(builder):
    status, first = post_test_run(builder, {"inputs": {"topic": "owls"}})
    status, alone = post_test_run(builder, {"only_node": "draft", "from_execution": first["execution_id"]})
    assert status == 200 and alone["status"] == "succeeded", alone
    _, runs = node_runs(builder, alone["execution_id"])
    assert runs["draft"]["output"] == {"text": "about owls"}
    assert runs["shout"]["status"] == "skipped" and runs["answer"]["status"] == "skipped"
    assert runs["fetch"]["duration_ms"] < 100


def test_test_run_errors_name_the_field(builder):
    status, body = post_test_run(builder, {"from_node": "shout"})
    assert status == 409 and "run it once first" in body["error"]["message"]
    status, body = post_test_run(builder, {"inputs": {"topic": "x"}, "color": "red"})
    assert status == 400 and body["error"]["details"][0]["pointer"] == "/color"
    status, body = post_test_run(builder, {"inputs": {"topic": "x"}, "only_node": "nope"})
    assert status in (409, 422)
    post_test_run(builder, {"inputs": {"topic": "x"}})
    status, body = post_test_run(builder, {"only_node": "nope"})
    assert status == 422 and body["error"]["details"][0]["pointer"] == "/only_node"
    status, body = post_test_run(builder, {"only_node": "draft", "from_node": "shout"})
    assert status == 400
    status, body = post_test_run(builder, {"inputs": "cats"})
    assert status == 400 and body["error"]["details"][0]["pointer"] == "/inputs"
    status, body = post_test_run(builder, {"inputs": {}})
    assert status == 422 and body["error"]["details"][0]["pointer"] == "/topic"


def test_a_pin_for_a_missing_node_is_a_problem_at_its_pointer(builder):
    status, body, _ = builder.post("/api/pipelines/validate", dict(PIPE, pinned={"ghost": {}, "draft": 3}))
    assert status == 200 and not body["valid"]
    pointers = {p["pointer"]: p["message"] for p in body["problems"]}
    assert "no node with that id" in pointers["/pinned/ghost"]
    assert "JSON object" in pointers["/pinned/draft"]


# ticket -> sort (llm_classify) -> to_finance | to_dev; `sort` is pinned, so no LLM is called.
TRIAGE = {
    "id": "triage",
    "nodes": [
        {"id": "ticket", "type": "input_text", "config": {"name": "ticket"}},
        {"id": "sort", "type": "llm_classify",
         "config": {"model": "llama3", "labels": [{"name": "billing"}, {"name": "bug"}]}},
        {"id": "to_finance", "type": "template", "config": {"template": "finance: {{ ticket.text }}"}},
        {"id": "to_dev", "type": "template", "config": {"template": "dev: {{ ticket.text }}"}},
    ],
    "edges": [{"source": "ticket", "target": "sort"},
              {"source": "sort", "sourceHandle": "billing", "target": "to_finance"},
              {"source": "sort", "sourceHandle": "bug", "target": "to_dev"}],
    "pinned": {"sort": {"label": "bug", "confidence": 0.9}},
}


def test_a_pinned_classifier_routes_to_its_label_when_running_from_the_block_after_it(server):
    status, body, _ = server.post("/api/pipelines", TRIAGE)
    assert status == 201, body
    status, first, _ = server.post("/api/pipelines/triage/test-run?wait=true", {"inputs": {"ticket": "it crashes"}})
    assert status == 200, first
    status, again, _ = server.post("/api/pipelines/triage/test-run?wait=true", {"from_node": "to_dev"})
    assert status == 200 and again["status"] == "succeeded", again
    detail = server.wait_for_status(again["execution_id"], {"succeeded", "failed"})
    runs = {n["node_id"]: n for n in detail["node_runs"]}
    assert runs["sort"]["output"]["label"] == "bug" and runs["sort"]["handles"] == ["bug"]
    assert runs["to_dev"]["status"] == "succeeded", "the chosen label's branch runs"
    assert runs["to_dev"]["output"] == {"text": "dev: it crashes"}
    assert runs["to_finance"]["status"] == "skipped", "the other label's branch does not"
