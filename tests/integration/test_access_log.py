"""The access log of the real server: which requests it writes under each
`--access-log` setting, the fields each line has, and no secret in them."""
import json
import subprocess
import time

from conftest import BINARY, Server

ALLOW = {"WEFT_ALLOW_NETWORKS": "127.0.0.1/32"}
SECRET = "sekrit-query-value-4b1d"


def access_lines(server):
    """The access-log lines once the stopped server's stderr has been read to its end."""
    server.stop()
    seen, deadline = -1, time.monotonic() + 5
    while len(server.log_lines) != seen and time.monotonic() < deadline:
        seen = len(server.log_lines)
        time.sleep(0.3)
    lines = [json.loads(line) for line in server.log_lines if line.startswith("{")]
    return [line for line in lines if "request_id" in line]


def some_requests(server):
    """A success, a 404, a 401 (a wrong token) and a success with a secret in its query."""
    assert server.get("/api/pipelines")[0] == 200
    assert server.get("/api/pipelines/no-such-pipeline")[0] == 404
    assert server.get("/api/pipelines", token="not-a-token")[0] == 401
    assert server.get(f"/api/pipelines?token={SECRET}")[0] == 200


def test_the_default_writes_only_failed_requests(data_dir):
    server = Server(data_dir, ALLOW).start()
    some_requests(server)
    assert [line["status"] for line in access_lines(server)] == [404, 401]


def test_all_writes_every_request_with_its_fields_and_no_secret(data_dir):
    server = Server(data_dir, dict(ALLOW, WEFT_ACCESS_LOG="off"))
    server.extra_args = ["--access-log", "all"]  # the flag wins over the environment
    server.start()
    token = server.token
    some_requests(server)
    lines = access_lines(server)
    # A request's line is queued after its answer is sent, so two requests in a
    # row may be logged in either order.
    ours = [line for line in lines if line["path"].startswith("/api/pipelines")]
    assert sorted(line["status"] for line in ours) == [200, 200, 401, 404]
    for line in lines:
        for field in ("time", "request_id", "remote", "method", "path", "route", "status", "bytes",
                      "duration_ms"):
            assert field in line, (field, line)
    listed = next(line for line in ours if line["status"] == 200)
    assert (listed["method"], listed["path"], listed["route"]) == ("GET", "/api/pipelines", "/api/pipelines")
    assert listed["duration_ms"] >= 0
    text = "\n".join(server.log_lines)
    assert SECRET not in text and token not in text and "not-a-token" not in text
    assert "Authorization" not in text and "Bearer" not in text


def test_off_writes_no_access_line(data_dir):
    server = Server(data_dir, dict(ALLOW, WEFT_ACCESS_LOG="off")).start()
    some_requests(server)
    assert access_lines(server) == []
    assert any('"message":"serving"' in line for line in server.log_lines), "the server's own log stays"


def test_a_wrong_setting_is_refused_before_anything_starts(tmp_path):
    for args, env in ((["--access-log", "sample:0"], {}), ([], {"WEFT_ACCESS_LOG": "verbose"})):
        done = subprocess.run([str(BINARY), "serve", "--port", "0", "--data", str(tmp_path / "d"), *args],
                              capture_output=True, text=True, timeout=20, env=env)
        assert done.returncode == 2, done
        assert "all, errors, sample:N" in done.stderr
        assert not (tmp_path / "d").exists(), "nothing was created"
