"""Restarts, graceful shutdown and a crash in the middle of 200 runs."""
import signal
import sqlite3
import threading
import time

from conftest import Server


def test_restart_keeps_pipelines_and_executions(data_dir):
    first = Server(data_dir).start()
    _, created, _ = first.post("/api/pipelines", {"id": "kept", "nodes": [], "edges": []})
    _, run, _ = first.post("/api/pipelines/ticket-triage/run", {"text": "hello"})
    assert first.stop() == 0
    second = Server(data_dir).start()
    try:
        assert second.get("/api/pipelines/kept")[0] == 200
        status, detail, _ = second.get(f"/api/executions/{run['execution_id']}")
        assert status == 200 and detail["status"] == "succeeded" and detail["node_runs"]
        ids = [p["id"] for p in second.get("/api/pipelines")[1]["items"]]
        assert ids.count("ticket-triage") == 1, "examples are loaded only into a new data directory"
    finally:
        second.stop()


def test_starts_fast(data_dir):
    server = Server(data_dir).start()
    server.stop()
    again = Server(data_dir).start()
    try:
        # Process start to "serving" (the figure in docs/PERFORMANCE.md comes from a benchmark).
        assert again.started_in < 1.0
    finally:
        again.stop()


def test_sigterm_lets_a_run_in_flight_finish(data_dir):
    server = Server(data_dir).start()
    server.post("/api/pipelines", {"id": "short", "nodes": [
        {"id": "d", "type": "delay", "config": {"ms": 700}}], "edges": []})
    _, body, _ = server.post("/api/pipelines/short/run?wait=false", {})
    time.sleep(0.1)
    assert server.stop(signal.SIGTERM) == 0
    again = Server(data_dir).start()
    try:
        assert again.get(f"/api/executions/{body['execution_id']}")[1]["status"] == "succeeded"
    finally:
        again.stop()


def test_sigkill_during_200_concurrent_runs_loses_nothing(data_dir):
    server = Server(data_dir).start()
    server.post("/api/pipelines", {"id": "work", "nodes": [
        {"id": "d", "type": "delay", "config": {"ms": 50}},
        {"id": "t", "type": "template", "config": {"template": "x"}}],
        "edges": [{"source": "d", "target": "t"}]})
    pipelines_before = {p["id"] for p in server.get("/api/pipelines")[1]["items"]}

    def fire(count):
        for _ in range(count):
            try:
                server.post("/api/pipelines/work/run?wait=false", {}, timeout=5)
            except OSError:
                return

    threads = [threading.Thread(target=fire, args=(25,)) for _ in range(8)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()
    for t in threads:
        t.join()

    db = sqlite3.connect(data_dir / "weft.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    again = Server(data_dir).start()
    try:
        # Runs whose jobs were held by the killed process are taken over and
        # finish from their recorded blocks; wait for them (a loaded machine
        # can take a while), then nothing may be left unfinished.
        deadline = time.monotonic() + 20
        while True:
            items = []
            page = again.get("/api/executions?limit=200")[1]
            items += page["items"]
            while page["next_cursor"]:
                page = again.get(f"/api/executions?limit=200&cursor={page['next_cursor']}")[1]
                items += page["items"]
            unfinished = [e for e in items if e["status"] in ("queued", "running")]
            if not unfinished or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert items, "some runs were recorded before the kill"
        statuses = {e["status"] for e in items}
        assert statuses <= {"succeeded", "interrupted"}, statuses
        assert {p["id"] for p in again.get("/api/pipelines")[1]["items"]} == pipelines_before
    finally:
        again.stop()
    db = sqlite3.connect(data_dir / "weft.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM executions WHERE status IN ('running', 'queued')").fetchone()[0] == 0


def test_old_executions_are_pruned_per_pipeline(data_dir):
    first = Server(data_dir).start()
    for _ in range(5):
        first.post("/api/pipelines/language-switch/run", {"lang": "de"})
    first.post("/api/pipelines/ticket-triage/run", {"text": "x"})
    assert first.stop() == 0
    server = Server(data_dir)
    server.extra_args = ["--keep-per-pipeline", "2"]
    server.start()
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            items = server.get("/api/executions?limit=200")[1]["items"]
            if len(items) == 3:
                break
            time.sleep(0.05)
        kept = [e["pipeline_id"] for e in items]
        assert sorted(kept) == ["language-switch", "language-switch", "ticket-triage"]
        assert any("pruned old executions" in line for line in server.log_lines)
    finally:
        assert server.stop() == 0


def test_weft_migrate_applies_each_migration_once(tmp_path):
    import subprocess
    from conftest import BINARY, ROOT
    count = len(list((ROOT / "src" / "store" / "migrations").glob("*.sql")))
    first = subprocess.run([str(BINARY), "migrate", "--data", str(tmp_path / "d")], capture_output=True, text=True)
    assert first.returncode == 0 and first.stdout.startswith(f"applied {count} migration"), first
    again = subprocess.run([str(BINARY), "migrate", "--data", str(tmp_path / "d")], capture_output=True, text=True)
    assert again.returncode == 0 and again.stdout.startswith("applied 0 migrations"), again
    server = Server(tmp_path / "d").start()
    try:
        assert server.get("/healthz")[0] == 200
    finally:
        server.stop()


def test_scale_out_refuses_to_start_without_a_real_secret_key(tmp_path):
    import os
    import subprocess
    from conftest import BINARY
    env = {k: v for k, v in os.environ.items() if k != "WEFT_SECRET_KEY"}
    missing = subprocess.run([str(BINARY), "serve", "--port", "0", "--data", str(tmp_path / "d"),
                              "--db", "postgres://db/weft"], capture_output=True, text=True, env=env, timeout=10)
    assert missing.returncode == 2 and "needs WEFT_SECRET_KEY" in missing.stderr
    assert not (tmp_path / "d" / "secret.key").exists(), "no key file is made up for a scale-out server"
    weak = subprocess.run([str(BINARY), "serve", "--port", "0", "--data", str(tmp_path / "d"),
                           "--queue", "redis://q"], capture_output=True, text=True,
                          env=dict(env, WEFT_SECRET_KEY="hunter2"), timeout=10)
    assert weak.returncode == 2 and "WEFT_SECRET_KEY" in weak.stderr and "hunter2" not in weak.stderr


def test_a_data_directory_in_use_is_refused_to_a_second_server_and_to_key_rotation(data_dir):
    import subprocess
    from conftest import BINARY
    server = Server(data_dir).start()
    try:
        running = server.post("/api/pipelines/ticket-triage/run?wait=false", {"text": "still mine"})[1]
        second = subprocess.run([str(BINARY), "serve", "--port", "0", "--data", str(data_dir)],
                                capture_output=True, text=True, timeout=10)
        assert second.returncode == 1, second
        assert "is in use by weft serve, pid" in second.stderr and "stop that process first" in second.stderr
        rotate = subprocess.run([str(BINARY), "vault", "rotate", "--data", str(data_dir)],
                                capture_output=True, text=True, timeout=10)
        assert rotate.returncode == 1 and "is in use by weft serve" in rotate.stderr, rotate
        assert "nothing was changed" in rotate.stderr
        # The first server's run was not marked interrupted, and its key still opens credentials.
        done = server.wait_for_status(running["execution_id"], {"succeeded"})
        assert done["status"] == "succeeded"
        assert server.post("/api/credentials", {"name": "k", "kind": "bearer", "data": {"token": "t"}})[0] == 201
    finally:
        server.stop()
    rotate = subprocess.run([str(BINARY), "vault", "rotate", "--data", str(data_dir)],
                            capture_output=True, text=True, timeout=10)
    assert rotate.returncode == 0, rotate
