"""A data directory across restarts: rows an older Weft damaged are shown as
unreadable instead of failing whole lists, a migration repairs what it can,
and the examples are loaded once whichever command created the directory."""
import json
import sqlite3
import subprocess

from conftest import BINARY, OWNER, Server

ECHO = {
    "id": "echo",
    "nodes": [{"id": "x", "type": "input_json", "config": {"name": "x"}},
              {"id": "out", "type": "output_json", "config": {"name": "r", "value": "{{ x.json }}"}}],
    "edges": [{"source": "x", "target": "out"}],
}


def start(data_dir):
    return Server(data_dir, {"WEFT_ALLOW_NETWORKS": "127.0.0.1/32"}).start()


def with_database(data_dir, *statements):
    """Runs (sql, parameters) pairs on the stopped server's database file."""
    db = sqlite3.connect(data_dir / "weft.db")
    try:
        for sql, parameters in statements:
            db.execute(sql, parameters)
        db.commit()
    finally:
        db.close()


def two_runs(server):
    assert server.post("/api/pipelines", ECHO)[0] == 201
    ids = []
    for x in [1, 2]:
        status, run, _ = server.post("/api/pipelines/echo/run", {"x": x})
        assert status == 200, run
        ids.append(run["execution_id"])
    return ids


def test_a_damaged_row_is_listed_as_unreadable_and_the_lists_still_answer(data_dir):
    server = start(data_dir)
    good, bad = two_runs(server)
    server.stop()
    # What Weft wrote before non-finite numbers were refused, and text that is no JSON at all.
    with_database(
        data_dir,
        ("UPDATE executions SET inputs = ?, outputs = ?, status = 'failed' WHERE id = ?",
         ['{"x":Infinity}', '{"r":Infinity', bad]),
        ("UPDATE node_runs SET output = 'garbage' WHERE execution_id = ?", [bad]),
        ("UPDATE pipelines SET definition = ? WHERE id = 'echo'", ['{"nodes":[']))
    server = start(data_dir)
    try:
        status, page, _ = server.get("/api/executions")
        assert status == 200, page
        by_id = {item["id"]: item for item in page["items"]}
        assert by_id[bad]["unreadable"] is True and by_id[bad]["inputs"] is None
        assert by_id[bad]["status"] == "failed"
        assert "unreadable" not in by_id[good] and by_id[good]["inputs"] == {"x": 1}

        status, one, _ = server.get(f"/api/executions/{bad}")
        assert status == 200 and one["unreadable"] is True
        assert any(n.get("unreadable") for n in one["node_runs"])
        assert server.get(f"/api/executions/{good}")[0] == 200
        # Its records cannot be reused: a retry would run with null inputs.
        status, retry, _ = server.post(f"/api/executions/{bad}/retry")
        assert status == 409 and "cannot be read back" in retry["error"]["message"]

        status, pipelines, _ = server.get("/api/pipelines")
        assert status == 200
        echo = next(p for p in pipelines["items"] if p["id"] == "echo")
        assert echo["unreadable"] is True
        status, read, _ = server.get("/api/pipelines/echo")
        assert status == 200 and read["unreadable"] is True and read["valid"] is False
        assert read["problems"][0]["pointer"] == "/definition"
        # Saving it again is the way out.
        status, saved, _ = server.put("/api/pipelines/echo", {**ECHO, "version": read["version"]})
        assert status == 200 and saved["valid"] is True and "unreadable" not in saved
        status, partial, _ = server.post("/api/pipelines/echo/test-run",
                                         {"from_execution": bad, "from_node": "out"})
        assert status == 409 and "cannot be read back" in partial["error"]["message"]
    finally:
        server.stop()


def test_the_migration_repairs_what_older_weft_wrote(data_dir):
    server = start(data_dir)
    _, bad = two_runs(server)
    server.stop()
    # Run the repair again as an upgrade would, over rows as an older Weft wrote them.
    definition = json.dumps({**ECHO, "variables": {"v": "INF"}}, separators=(",", ":"))
    with_database(
        data_dir,
        ("UPDATE executions SET inputs = ?, outputs = ? WHERE id = ?",
         ['{"x":Infinity,"note":"Infinity War"}', '{"r":[NaN,-Infinity]}', bad]),
        ("UPDATE pipelines SET definition = ? WHERE id = 'echo'", [definition.replace('"INF"', "Infinity")]),
        ("DELETE FROM schema_migrations WHERE name = 'repair_non_finite_json'", []))
    server = start(data_dir)
    try:
        status, one, _ = server.get(f"/api/executions/{bad}")
        assert status == 200 and "unreadable" not in one
        assert one["inputs"] == {"x": None, "note": "Infinity War"}
        assert one["outputs"] == {"r": [None, None]}
        status, echo, _ = server.get("/api/pipelines/echo")
        assert status == 200 and echo["definition"]["variables"] == {"v": None}
    finally:
        server.stop()


def test_examples_are_loaded_when_an_account_was_made_before_the_first_serve(data_dir):
    made = subprocess.run(
        [str(BINARY), "user", "create", "--email", OWNER["email"], "--password", "-",
         "--data", str(data_dir)],
        input=OWNER["password"] + "\n", capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    server = start(data_dir)
    try:
        ids = {p["id"] for p in server.get("/api/pipelines")[1]["items"]}
        assert {"ticket-triage", "text-stats"} <= ids
        assert server.delete("/api/pipelines/text-stats")[0] == 204
    finally:
        server.stop()
    # Once per directory: what was deleted stays deleted.
    server = start(data_dir)
    try:
        ids = {p["id"] for p in server.get("/api/pipelines")[1]["items"]}
        assert "ticket-triage" in ids and "text-stats" not in ids
    finally:
        server.stop()
