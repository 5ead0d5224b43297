"""Runs as jobs (DESIGN §13): a `wait=false` run survives the server being
killed, a pipeline's run limit holds with runs waiting in order, the queue is
visible and a waiting run can be cancelled, and save modes keep what they say."""
import http.server
import json
import threading
import time

import pytest

from conftest import Server

ALLOW_LOOPBACK = {"WEFT_ALLOW_NETWORKS": "127.0.0.1/32"}


class CountingPeer:
    """An HTTP server that counts requests by Idempotency-Key, remembers the
    order bodies arrived in, and how many were in progress at once."""

    def __init__(self, delay=0.0):
        self.delay = delay
        self.lock = threading.Lock()
        self.by_key = {}
        self.order = []
        self.in_flight = 0
        self.most_in_flight = 0
        peer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with peer.lock:
                    key = self.headers.get("Idempotency-Key", "")
                    peer.by_key[key] = peer.by_key.get(key, 0) + 1
                    peer.order.append(json.loads(body or b"{}").get("n"))
                    peer.in_flight += 1
                    peer.most_in_flight = max(peer.most_in_flight, peer.in_flight)
                time.sleep(peer.delay)
                with peer.lock:
                    peer.in_flight -= 1
                answer = b'{"ok": true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                try:
                    self.wfile.write(answer)
                except BrokenPipeError:
                    pass  # the server was killed mid-call: that is the test

            def log_message(self, *args):
                pass

        class Listener(http.server.ThreadingHTTPServer):
            request_queue_size = 1024  # hundreds of runs call at once
            daemon_threads = True

        self.server = Listener(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}/hook"

    def requests(self):
        with self.lock:
            return sum(self.by_key.values())

    def stop(self):
        self.server.shutdown()


@pytest.fixture
def peer():
    made = []

    def make(delay=0.0):
        made.append(CountingPeer(delay))
        return made[-1]

    yield make
    for p in made:
        p.stop()


def calling_pipeline(pipeline_id, url, **settings):
    """input → template → http_request (the third block) → output."""
    return {"id": pipeline_id, "settings": settings, "nodes": [
        {"id": "n", "type": "input_json", "config": {"name": "n"}},
        {"id": "shape", "type": "template", "config": {"template": "{{ n.json }}"}},
        {"id": "call", "type": "http_request", "config": {
            "method": "POST", "url": url, "body_type": "json", "body": {"n": "{{ n.json }}"}, "timeout_ms": 30000}},
        {"id": "out", "type": "output_json", "config": {"name": "answer", "value": "{{ call.body }}"}}],
        "edges": [{"source": "n", "target": "shape"}, {"source": "shape", "target": "call"},
                  {"source": "call", "target": "out"}]}


def wait_until(predicate, timeout=60, step=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def all_executions(server, pipeline_id):
    items, cursor = [], ""
    while True:
        query = f"/api/executions?pipeline_id={pipeline_id}&limit=200" + (f"&cursor={cursor}" if cursor else "")
        status, page, _ = server.get(query)
        assert status == 200, page
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def test_runs_waiting_or_running_survive_a_kill_and_call_out_once_each(data_dir, peer):
    counting = peer(delay=0.1)
    # Eight at a time, so that most runs still wait when the kill comes.
    server = Server(data_dir, dict(ALLOW_LOOPBACK, WEFT_RUN_WORKERS="8")).start()
    runs = 500
    try:
        assert server.post("/api/pipelines", calling_pipeline("counted", counting.url))[0] == 201
        ids = []
        for n in range(runs):
            status, body, _ = server.post("/api/pipelines/counted/run?wait=false", {"n": n})
            assert status == 202, body
            ids.append(body["execution_id"])
        assert wait_until(lambda: counting.requests() >= runs / 2, timeout=60)
    finally:
        server.process.kill()  # SIGKILL: nothing is finished in an orderly way
        server.process.wait()
    before = counting.requests()
    assert before < runs - 100, "the kill came too late to test anything"
    server = Server(data_dir, ALLOW_LOOPBACK).start()
    try:
        def finished():
            return server.get("/api/queue")[1]["queued"] == 0 and server.get("/api/queue")[1]["running"] == 0
        assert wait_until(finished, timeout=120), server.get("/api/queue")[1]
        executions = {e["id"]: e for e in all_executions(server, "counted")}
        assert sorted(executions) == sorted(ids)
        assert {e["status"] for e in executions.values()} == {"succeeded"}, \
            [e for e in executions.values() if e["status"] != "succeeded"][:3]
        # Each run's call block reached the peer under one key; a block resumed
        # after the kill sent the same key again (the peer can honour it).
        keys = {key.split(":")[0]: count for key, count in counting.by_key.items()}
        assert sorted(keys) == sorted(ids)
        repeated = sum(count - 1 for count in counting.by_key.values())
        assert all(key.endswith(":call:1") for key in counting.by_key)
        # Only blocks in flight at the kill (eight at most) can have been sent twice.
        assert repeated <= 8, repeated
        outputs = [server.get(f"/api/executions/{i}")[1]["outputs"] for i in ids[:5]]
        assert outputs == [{"answer": {"ok": True}}] * 5
        assert any("resuming runs left unfinished" in line for line in server.log_lines)
    finally:
        server.stop()


def test_a_run_limit_holds_and_waiting_runs_start_in_order(server, peer):
    slow = peer(delay=0.3)
    assert server.post("/api/pipelines", calling_pipeline("limited", slow.url, run_concurrency=3))[0] == 201
    ids = [server.post("/api/pipelines/limited/run?wait=false", {"n": n})[1]["execution_id"] for n in range(10)]
    status, queue, _ = server.get("/api/queue")
    assert status == 200 and queue["queued"] + queue["running"] >= 7, queue
    assert queue["pipelines"][0]["pipeline_id"] == "limited"
    assert queue["pipelines"][0]["running"] <= 3
    assert wait_until(lambda: len(slow.order) == 10, timeout=30), slow.order
    assert slow.most_in_flight == 3
    # First in, first out: the k-th call comes from one of the first k+3 runs.
    assert all(n < k + 3 for k, n in enumerate(slow.order)), slow.order
    assert wait_until(lambda: server.get("/api/queue")[1]["running"] == 0, timeout=10)
    assert {server.get(f"/api/executions/{i}")[1]["status"] for i in ids} == {"succeeded"}


def test_a_waiting_run_shows_its_place_and_can_be_cancelled(server, peer):
    slow = peer(delay=0.5)
    assert server.post("/api/pipelines", calling_pipeline("one-at-a-time", slow.url, run_concurrency=1))[0] == 201
    ids = [server.post("/api/pipelines/one-at-a-time/run?wait=false", {"n": n})[1]["execution_id"]
           for n in range(3)]
    # Once a worker holds the first (a loaded machine may take a moment), the
    # others wait behind it: the third is second in line, or first if the
    # first has finished already.
    assert wait_until(lambda: server.get(f"/api/executions/{ids[0]}")[1]["status"] == "running", timeout=5)
    status, third, _ = server.get(f"/api/executions/{ids[2]}")
    assert status == 200 and third["status"] == "queued" and third["queue_position"] in (1, 2), third
    status, body, _ = server.post(f"/api/executions/{ids[2]}/cancel")
    assert status == 202, body
    assert wait_until(lambda: server.get(f"/api/executions/{ids[2]}")[1]["status"] == "cancelled", timeout=5)
    assert wait_until(lambda: server.get(f"/api/executions/{ids[1]}")[1]["status"] == "succeeded", timeout=10)
    assert 2 not in slow.order
    # A waiting run answers a caller who waits, once it has run.
    status, body, _ = server.post("/api/pipelines/one-at-a-time/run?wait=true", {"n": 7})
    assert status == 200 and body["status"] == "succeeded" and body["outputs"] == {"answer": {"ok": True}}


@pytest.mark.parametrize("mode,kept", [("none", set()), ("errors", {"failed"}), ("all", {"succeeded", "failed"})])
def test_save_modes_keep_what_they_say(server, peer, mode, kept):
    target = peer()
    pipeline = {"id": f"saved-{mode}", "settings": {"save_executions": mode}, "nodes": [
        {"id": "url", "type": "input_text", "config": {"name": "url"}},
        {"id": "call", "type": "http_request", "config": {"method": "POST", "url": "{{ url.text }}"}}],
        "edges": [{"source": "url", "target": "call"}]}
    status, body, _ = server.post("/api/pipelines", pipeline)
    assert status == 201 and body["valid"], body
    ok = server.post(f"/api/pipelines/saved-{mode}/run", {"url": target.url})[1]
    bad = server.post(f"/api/pipelines/saved-{mode}/run", {"url": "http://127.0.0.1:9/"})[1]
    assert ok["status"] == "succeeded", ok
    assert bad["status"] == "failed", bad
    listed = {e["status"] for e in all_executions(server, f"saved-{mode}")}
    assert listed == kept
    for run in (ok, bad):
        status, detail, _ = server.get(f"/api/executions/{run['execution_id']}")
        if run["status"] in kept:
            assert status == 200 and detail["node_runs"], detail
        else:
            assert status == 404


def test_a_workspace_run_limit_holds_across_pipelines(server, peer):
    slow = peer(delay=0.3)
    assert server.get("/api/settings/runs")[1] == {"run_concurrency": None}
    status, body, _ = server.put("/api/settings/runs", {"run_concurrency": 0})
    assert status == 422 and body["error"]["details"][0]["pointer"] == "/run_concurrency", body
    status, body, _ = server.put("/api/settings/runs", {"run_concurrency": 2, "workspace": "other"})
    assert status == 422 and body["error"]["details"][0]["pointer"] == "/workspace", body
    assert server.put("/api/settings/runs", {"run_concurrency": 2.0})[:2] == (200, {"run_concurrency": 2})
    assert server.put("/api/settings/runs", {"run_concurrency": 2.5})[0] == 422
    for name in ("first", "second"):
        assert server.post("/api/pipelines", calling_pipeline(name, slow.url))[0] == 201
    ids = [server.post(f"/api/pipelines/{name}/run?wait=false", {"n": n})[1]["execution_id"]
           for n in range(4) for name in ("first", "second")]
    # A caller who waits goes through the queue too while the workspace is limited.
    status, body, _ = server.post("/api/pipelines/first/run?wait=true", {"n": 99})
    assert status == 200 and body["status"] == "succeeded", body
    assert wait_until(lambda: len(slow.order) == 9, timeout=30), slow.order
    assert slow.most_in_flight == 2
    assert wait_until(lambda: server.get("/api/queue")[1]["running"] == 0, timeout=10)
    assert {server.get(f"/api/executions/{i}")[1]["status"] for i in ids} == {"succeeded"}
    # Lifting the limit lets runs start at once again.
    assert server.put("/api/settings/runs", {"run_concurrency": None})[:2] == (200, {"run_concurrency": None})
    status, body, _ = server.post("/api/pipelines/first/run?wait=true", {"n": 100})
    assert status == 200 and body["status"] == "succeeded", body
