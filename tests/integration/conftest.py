"""Starts the real `weft serve` on a free loopback port with a temporary data
directory, and talks to it over HTTP with the standard library only."""
import json
import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("WEFT_BINARY", ROOT / "build" / "weft"))
OWNER = {"email": "owner@example.com", "password": "correct horse battery staple", "name": "Owner"}


class Server:
    def __init__(self, data_dir, env=None):
        self.data_dir = Path(data_dir)
        self.env = env or {}
        self.process = None
        self.port = None
        self.log_lines = []
        self.started_in = None
        self.extra_args = []
        self.token = None  # the owner's access token, sent with every request

    def start(self):
        env = dict(os.environ, **self.env)
        started = time.monotonic()
        self.process = subprocess.Popen(
            [str(BINARY), "serve", "--host", "127.0.0.1", "--port", "0", "--data", str(self.data_dir),
             "--examples", str(ROOT / "examples"), *self.extra_args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
        ready = threading.Event()

        def read_log():
            for line in self.process.stderr:
                self.log_lines.append(line.rstrip("\n"))
                if '"message":"serving"' in line:
                    self.port = int(json.loads(line)["url"].rsplit(":", 1)[1])
                    ready.set()
            ready.set()

        threading.Thread(target=read_log, daemon=True).start()
        assert ready.wait(10), "server did not start"
        assert self.port, "server exited:\n" + "\n".join(self.log_lines)
        self.started_in = time.monotonic() - started
        self.sign_in()
        return self

    def sign_in(self):
        """Sets up the owner on a new data directory, or logs in as them."""
        self.token = None
        status, body, _ = self.get("/api/auth/setup")
        assert status == 200, body
        path = "/api/auth/setup" if body["needs_setup"] else "/api/auth/login"
        status, session, _ = self.post(path, OWNER)
        assert status in (200, 201), session
        self.token = session["access_token"]
        return session

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout)
        return self.process.returncode

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def request(self, method, path, body=None, raw=None, headers=None, timeout=30, token=...):
        """Sends as the owner unless `token` says otherwise (None: no token)."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        headers = dict(headers or {})
        token = self.token if token is ... else token
        if token and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {token}"
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        if data is not None and "Content-Type" not in (headers or {}):
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, _decode(resp.read(), resp.headers), resp.headers
        except urllib.error.HTTPError as err:
            return err.code, _decode(err.read(), err.headers), err.headers

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def wait_for_status(self, execution_id, statuses, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, body, _ = self.get(f"/api/executions/{execution_id}")
            if status == 200 and body["status"] in statuses:
                return body
            time.sleep(0.02)
        raise AssertionError(f"execution {execution_id} did not reach {statuses}")


def _decode(data, headers):
    if "json" in (headers.get("Content-Type") or ""):
        return json.loads(data) if data else None
    return data.decode(errors="replace")


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def server(data_dir):
    # Every request in the log, so tests such as the canary's see every line there could be.
    srv = Server(data_dir, {"WEFT_ALLOW_NETWORKS": "127.0.0.1/32", "WEFT_ACCESS_LOG": "all"}).start()
    yield srv
    srv.stop()
