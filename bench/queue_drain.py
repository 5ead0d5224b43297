"""The embedded queue under a backlog (issue "Runs as jobs"): how long a run
waits between being accepted and finishing when the queue is idle, the
server's memory with N runs waiting, and how fast a backlog of N drains.

The backlog is held back by a workspace run limit of 1 whose one slot a long
`delay` run occupies; lifting the limit (PUT /api/settings/runs) lets every
worker lease at once, and the queue's depth is polled until it is empty.
Each run is `input_text → output_text` (trivial: what is measured is the
queue and the records, not the work). Save mode `all`.

Usage, from the repository root after a build:
  python3 bench/queue_drain.py [N=100000] [connections=16]
Not part of CI; figures go to docs/PERFORMANCE.md.
"""
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
CONNECTIONS = int(sys.argv[2]) if len(sys.argv) > 2 else 16
OWNER = {"email": "bench@example.com", "password": "correct horse battery staple", "name": "Bench"}
TRIVIAL = {"id": "trivial", "nodes": [
    {"id": "t", "type": "input_text", "config": {"name": "text"}},
    {"id": "o", "type": "output_text", "config": {"name": "echo", "text": "{{ t.text }}"}}],
    "edges": [{"source": "t", "target": "o"}]}
BLOCKER = {"id": "blocker", "nodes": [{"id": "wait", "type": "delay", "config": {"ms": 3_600_000}}], "edges": []}


class Client:
    def __init__(self, port, token=None):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.token = token

    def call(self, method, path, body=None, retried=False):
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        try:
            self.conn.request(method, path, json.dumps(body) if body is not None else None, headers)
            resp = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if retried:  # the server closed a connection left idle: open another, once
                raise
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            return self.call(method, path, body, retried=True)
        data = resp.read()
        return resp.status, json.loads(data) if data else None


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def start_server(data_dir):
    proc = subprocess.Popen(["build/weft", "serve", "--host", "127.0.0.1", "--port", "0", "--data", data_dir,
                             "--examples", "examples"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        if '"message":"serving"' in line:
            port = int(json.loads(line)["url"].rsplit(":", 1)[1])
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            return proc, port
    raise SystemExit("server did not start")


def main():
    data_dir = tempfile.mkdtemp(prefix="weft-queue-")
    proc, port = start_server(data_dir)
    try:
        _, session = Client(port).call("POST", "/api/auth/setup", OWNER)
        api = Client(port, session["access_token"])
        assert api.call("POST", "/api/pipelines", TRIVIAL)[0] == 201
        assert api.call("POST", "/api/pipelines", BLOCKER)[0] == 201

        # 1. Idle queue: accepted (202) to finished, one run at a time.
        waits = []
        for i in range(300):
            status, body = api.call("POST", "/api/pipelines/trivial/run?wait=false", {"text": str(i)})
            assert status == 202, body
            accepted = time.monotonic()
            while api.call("GET", f"/api/executions/{body['execution_id']}")[1]["status"] != "succeeded":
                pass
            waits.append((time.monotonic() - accepted) * 1000)
        waits.sort()
        print(f"idle queue, 202 to succeeded (polled): p50 {statistics.median(waits):.2f} ms, "
              f"p99 {waits[int(len(waits) * 0.99)]:.2f} ms")

        # 2. A backlog of N behind a workspace limit of 1 held by the blocker.
        assert api.call("PUT", "/api/settings/runs", {"run_concurrency": 1})[0] == 200
        assert api.call("POST", "/api/pipelines/blocker/run?wait=false", {})[0] == 202
        rss_before = rss_mb(proc.pid)
        counter = iter(range(N))
        lock = threading.Lock()

        def enqueue():
            client = Client(port, api.token)
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                status, body = client.call("POST", "/api/pipelines/trivial/run?wait=false", {"text": str(n)})
                assert status == 202, body

        started = time.monotonic()
        threads = [threading.Thread(target=enqueue) for _ in range(CONNECTIONS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        enqueue_s = time.monotonic() - started
        _, queue = api.call("GET", "/api/queue")
        print(f"enqueued {N} with {CONNECTIONS} connections in {enqueue_s:.1f} s ({N / enqueue_s:,.0f}/s); "
              f"queue says {queue['queued']} queued, {queue['running']} running")
        time.sleep(1)
        print(f"RSS: {rss_before:.0f} MB before the backlog, {rss_mb(proc.pid):.0f} MB with {N} queued")

        # 3. Lift the limit: the backlog drains.
        started = time.monotonic()
        assert api.call("PUT", "/api/settings/runs", {"run_concurrency": None})[0] == 200
        last = None
        while True:
            _, queue = api.call("GET", "/api/queue")
            left = queue["queued"] + queue["running"] - 1  # the blocker keeps running
            now = time.monotonic()
            if last is None or now - last >= 5:
                print(f"  {now - started:6.1f} s: {left} left, RSS {rss_mb(proc.pid):.0f} MB", flush=True)
                last = now
            if left <= 0:
                break
            time.sleep(0.2)
        drain_s = time.monotonic() - started
        print(f"drained {N} in {drain_s:.1f} s: {N / drain_s:,.0f} runs/s")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
