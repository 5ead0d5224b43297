"""Running pipelines over HTTP: sync and async, input checks, executions,
cancel, and retry from the failed node."""
import http.server
import threading
import time

import pytest

SLOW = {
    "id": "slow",
    "nodes": [{"id": "wait", "type": "delay", "config": {"ms": 10000}},
              {"id": "after", "type": "template", "config": {"template": "done"}}],
    "edges": [{"source": "wait", "target": "after"}],
}


def test_sync_run_answers_with_outputs(server):
    status, body, _ = server.post("/api/pipelines/ticket-triage/run", {"text": "Everything is down, urgent"})
    assert status == 200, body
    assert body["status"] == "succeeded"
    assert body["outputs"]["answer"].startswith("ESCALATE")
    assert body["execution_id"].startswith("ex_")


def test_missing_and_mistyped_inputs_get_422_naming_each_field(server):
    status, body, _ = server.post("/api/pipelines/ticket-triage/run", {})
    assert status == 422
    assert body["error"]["code"] == "invalid_input"
    assert body["error"]["details"] == [{"pointer": "/text", "message": "`text` (Ticket text) is required"}]
    status, body, _ = server.post("/api/pipelines/ticket-triage/run", {"text": 5})
    assert status == 422 and "must be text" in body["error"]["details"][0]["message"]


def test_async_run_and_execution_detail(server):
    status, body, _ = server.post("/api/pipelines/text-stats/run?wait=false", {"text": "a b a"})
    assert status == 202 and body["status"] == "queued"  # recorded; a worker takes it
    detail = server.wait_for_status(body["execution_id"], {"succeeded"})
    assert detail["outputs"]["stats"]["word_count"] == 3
    assert detail["pipeline_id"] == "text-stats" and detail["pipeline_version"] == 1
    runs = {n["node_id"]: n for n in detail["node_runs"]}
    assert set(runs) == {"text", "shout", "words", "first_word", "all", "stats"}
    assert all(n["status"] == "succeeded" and n["attempts"] == 1 for n in runs.values())
    assert runs["shout"]["output"] == {"text": "A B A"}
    assert runs["all"]["duration_ms"] >= 0


def test_skipped_branches_are_recorded(server):
    _, body, _ = server.post("/api/pipelines/ticket-triage/run", {"text": "hello"})
    _, detail, _ = server.get(f"/api/executions/{body['execution_id']}")
    statuses = {n["node_id"]: n["status"] for n in detail["node_runs"]}
    assert statuses["escalate"] == "skipped" and statuses["routine"] == "succeeded"
    condition = next(n for n in detail["node_runs"] if n["node_id"] == "urgent")
    assert condition["handles"] == ["false"]


def test_wait_limit_turns_into_202(server):
    server.post("/api/pipelines", SLOW)
    started = time.monotonic()
    status, body, _ = server.post("/api/pipelines/slow/run?timeout_ms=200", {})
    assert status == 202 and time.monotonic() - started < 2
    server.post(f"/api/executions/{body['execution_id']}/cancel")


def test_cancel_a_running_execution(server):
    server.post("/api/pipelines", SLOW)
    _, body, _ = server.post("/api/pipelines/slow/run?wait=false", {})
    eid = body["execution_id"]
    time.sleep(0.1)
    started = time.monotonic()
    status, cancel, _ = server.post(f"/api/executions/{eid}/cancel")
    assert status == 202
    detail = server.wait_for_status(eid, {"cancelled"}, timeout=5)
    assert time.monotonic() - started < 1
    nodes = {n["node_id"]: n["status"] for n in detail["node_runs"]}
    assert nodes["wait"] == "cancelled"
    status, again, _ = server.post(f"/api/executions/{eid}/cancel")
    assert status == 409 and "cancelled" in again["error"]["message"]


def test_list_executions_filters_and_pages(server):
    for i in range(7):
        server.post("/api/pipelines/language-switch/run", {"lang": "fr" if i % 2 else "de"})
    server.post("/api/pipelines/ticket-triage/run", {})  # 422: no execution
    server.post("/api/pipelines/ticket-triage/run", {"text": "x"})
    status, page, _ = server.get("/api/executions?pipeline_id=language-switch&limit=3")
    assert status == 200 and len(page["items"]) == 3 and page["next_cursor"]
    seen = [e["id"] for e in page["items"]]
    while page["next_cursor"]:
        page = server.get(f"/api/executions?pipeline_id=language-switch&limit=3&cursor={page['next_cursor']}")[1]
        seen += [e["id"] for e in page["items"]]
    assert len(seen) == 7 and len(set(seen)) == 7
    assert server.get("/api/executions?status=succeeded")[1]["items"]
    assert server.get("/api/executions?status=failed")[1]["items"] == []
    assert server.get("/api/executions?from=2199-01-01T00:00:00Z")[1]["items"] == []
    assert len(server.get("/api/executions?to=2199-01-01T00:00:00Z&limit=200")[1]["items"]) == 8
    assert server.get("/api/executions?status=weird")[0] == 400
    assert server.get("/api/executions?limit=0")[0] == 400
    assert server.get("/api/executions?cursor=garbage")[0] == 400
    assert server.get("/api/executions?from=yesterday")[0] == 400
    for bad in ["2026-01-01T00:00:00+ab:cd", "2026-13-45T00:00:00Z", "2026-01-01T00:00:00.", "-5",
                "2026-1-1T00:00:00Z", "12345678901234"]:
        assert server.get(f"/api/executions?from={bad}")[0] == 400, bad
    # Outside 1970–2200 a bound is taken as the nearer end, not refused.
    assert server.get("/api/executions?from=9999-01-01T00:00:00Z")[1]["items"] == []
    assert len(server.get("/api/executions?from=0000-01-01T00:00:00Z&limit=200")[1]["items"]) == 8
    assert server.get("/api/executions?from=2026-01-01T00:00:00.5%2B01:00")[0] == 200


class FlakyApi(http.server.BaseHTTPRequestHandler):
    healthy = False
    calls = 0

    def do_GET(self):
        FlakyApi.calls += 1
        code, body = (200, b'{"price": 42}') if FlakyApi.healthy else (500, b"maintenance")
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky_api():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FlakyApi)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    FlakyApi.healthy, FlakyApi.calls = False, 0
    yield f"http://127.0.0.1:{httpd.server_address[1]}/price"
    httpd.shutdown()


def test_retry_from_the_failed_node_reuses_what_succeeded(server, flaky_api):
    pipeline = {
        "id": "quote",
        "nodes": [
            {"id": "item", "type": "input_text", "config": {}},
            {"id": "slow_prep", "type": "delay", "config": {"ms": 300}},
            {"id": "price", "type": "http_request", "config": {"url": flaky_api}},
            {"id": "quote", "type": "output_text", "config": {"text": "{{ item.text }}: {{ price.body.price }}"}},
        ],
        "edges": [{"source": "item", "target": "slow_prep"}, {"source": "slow_prep", "target": "price"},
                  {"source": "price", "target": "quote"}],
    }
    assert server.post("/api/pipelines", pipeline)[0] == 201
    status, failed, _ = server.post("/api/pipelines/quote/run", {"item": "tea"})
    assert status == 200 and failed["status"] == "failed"
    assert failed["error"]["node_id"] == "price" and "500" in failed["error"]["message"]

    FlakyApi.healthy = True
    started = time.monotonic()
    status, retried, _ = server.post(f"/api/executions/{failed['execution_id']}/retry")
    assert status == 200 and retried["status"] == "succeeded", retried
    assert time.monotonic() - started < 0.3, "the 300 ms delay that succeeded is not run again"
    assert retried["outputs"]["quote"] == "tea: 42"
    assert FlakyApi.calls == 2
    _, detail, _ = server.get(f"/api/executions/{retried['execution_id']}")
    assert detail["retry_of"] == failed["execution_id"]
    nodes = {n["node_id"]: n for n in detail["node_runs"]}
    assert nodes["slow_prep"]["attempts"] == 0 and nodes["price"]["attempts"] == 1
    status, body, _ = server.post(f"/api/executions/{retried['execution_id']}/retry")
    assert status == 409


def test_unknown_ids_are_404(server):
    for method, path in [("GET", "/api/pipelines/nope"), ("POST", "/api/pipelines/nope/run"),
                         ("GET", "/api/executions/ex_nope"), ("POST", "/api/executions/ex_nope/cancel"),
                         ("POST", "/api/executions/ex_nope/retry"), ("DELETE", "/api/pipelines/nope"),
                         ("GET", "/api/pipelines/nope/versions")]:
        status, body, _ = server.request(method, path)
        assert status == 404, (method, path, body)
        assert body["error"]["code"] == "not_found"


def test_metrics_and_health(server):
    server.post("/api/pipelines/ticket-triage/run", {"text": "hi"})
    status, health, _ = server.get("/healthz")
    assert status == 200 and health["status"] == "ok"
    status, text, headers = server.get("/metrics")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert 'weft_runs_total{status="succeeded"} 1' in text
    assert 'weft_node_run_duration_seconds_count{type="template"}' in text
    assert 'weft_http_requests_total{method="POST",route="/api/pipelines/{id}/run",status="200"} 1' in text
    assert "weft_runs_in_flight 0" in text


def test_a_json_body_sent_the_way_curl_d_labels_it_still_runs(server):
    # `curl -d '{"text": …}'` says application/x-www-form-urlencoded; /run takes no forms.
    status, body, _ = server.post("/api/pipelines/text-stats/run", raw=b'{"text": "a b"}',
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and body["outputs"]["stats"]["word_count"] == 2, body
    status, body, _ = server.post("/api/pipelines/text-stats/run", raw=b"text=a+b",
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and body["error"]["code"] == "invalid_json", body
    status, body, _ = server.post("/api/pipelines/text-stats/run", raw=b"a b",
                                  headers={"Content-Type": "text/plain"})
    assert status == 415, body
