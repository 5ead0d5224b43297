"""Fuzzes a live `weft serve` against its own /api/openapi.json with
Schemathesis: every check, every phase (examples, coverage, fuzzing, and
stateful sequences that follow the document's links), a fixed seed and a
time bound. Exits 0 only when there is no finding: no server error, no answer
outside the document, no schema-valid request refused and no schema-breaking
request accepted.

    scripts/schemathesis [--seed N] [--max-examples N] [--max-time SECONDS] [--report DIR]

It starts the server on a free port with a new data directory, creates the
owner through POST /api/auth/setup, and plants fixtures (pipelines, a run, a
failed run, a credential, a second member, an invite, an API key) whose ids
the generated requests use half of the time, so the positive paths are
reached as well as the 404s."""
import argparse
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
from conftest import OWNER, Server  # noqa: E402  (the integration tests' server harness)

SEED_PIPELINE = {
    "id": "fuzz-seed", "name": "Fuzz seed", "description": "Echoes its text input",
    "nodes": [
        {"id": "text", "type": "input_text", "config": {"name": "text", "required": False, "default": "hi"}},
        {"id": "echo", "type": "output_text", "config": {"name": "echo", "text": "{{ text.text }}"}},
    ],
    "edges": [{"source": "text", "target": "echo"}],
}
# Fails at once (the address guard refuses loopback), so there is a run to retry.
FAILING_PIPELINE = {
    "id": "fuzz-fails", "name": "Fuzz fails",
    "nodes": [{"id": "fetch", "type": "http_request",
               "config": {"method": "GET", "url": "http://127.0.0.1:9/", "timeout_ms": 1000}}],
    "edges": [],
}
# Takes two seconds: a test run (which answers at once) leaves cancel
# something to stop. Only test runs are pointed at it, so that no request
# waits for it.
SLOW_PIPELINE = {
    "id": "fuzz-slow", "name": "Fuzz slow",
    "nodes": [{"id": "pause", "type": "delay", "config": {"ms": 2000}}],
    "edges": [],
}
MEMBER = {"email": "member@example.com", "password": "another long passphrase", "role": "editor"}


class FakeOllama(http.server.BaseHTTPRequestHandler):
    """Answers the model list, so that GET /api/settings/providers/ollama/models has a 200 to give."""

    def do_GET(self):
        body = json.dumps({"models": [{"name": "fuzz-model:latest", "size": 1}]}).encode()
        self.send_response(200 if self.path == "/api/tags" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def plant_fixtures(server):
    """Creates what the generated requests should find; answers the ids by kind."""
    def ok(answer, *statuses):
        status, body, _ = answer
        assert status in statuses, (status, body)
        return body

    for pipeline in (SEED_PIPELINE, FAILING_PIPELINE, SLOW_PIPELINE):
        ok(server.post("/api/pipelines", pipeline), 201)
    ok(server.put("/api/pipelines/fuzz-seed", dict(SEED_PIPELINE, version=1)), 200)
    ran = ok(server.post("/api/pipelines/fuzz-seed/run?wait=true", {"text": "seed"}), 200)
    failed = ok(server.post("/api/pipelines/fuzz-fails/run?wait=true", {}), 200)
    credential = ok(server.post("/api/credentials",
                                {"name": "fuzz token", "kind": "bearer", "data": {"token": "not-a-secret"}}), 201)
    # A new address with a password: the account is made and joins at once (202).
    ok(server.post("/api/members", MEMBER), 202)
    member = next(m for m in ok(server.get("/api/members"), 200)["items"] if m["email"] == MEMBER["email"])
    invite = ok(server.post("/api/invites", {"role": "viewer"}), 201)
    key = ok(server.post("/api/api-keys", {"name": "fuzz key", "scope": "full"}), 201)
    return {
        "pipelines": ["fuzz-seed", "fuzz-fails"],
        "test_pipelines": ["fuzz-slow", "fuzz-seed", "fuzz-fails"],
        "versions": [1, 2],
        "executions": [ran["execution_id"], failed["execution_id"]],
        "credentials": [credential["id"]],
        "members": [member["user_id"]],
        "invites": [invite["id"]],
        "invite_tokens": [invite["token"]],
        "api_keys": [key["id"]],
        "providers": ["ollama"],
        "emails": [OWNER["email"], MEMBER["email"]],
        "passwords": [OWNER["password"], MEMBER["password"]],
    }


# Path parameter -> the fixture ids it is drawn from (half of the time).
BINDINGS = [
    # First: the first entry that binds a parameter decides.
    ("^/api/pipelines/\\{id\\}/test-run$", "id", "test_pipelines"),
    ("^/api/pipelines/\\{id\\}", "id", "pipelines"),
    ("^/api/pipelines/\\{id\\}/versions/\\{version\\}", "version", "versions"),
    ("^/api/executions/\\{id\\}", "id", "executions"),
    ("^/api/credentials/\\{id\\}", "id", "credentials"),
    ("^/api/members/\\{user_id\\}", "user_id", "members"),
    ("^/api/invites/\\{id\\}", "id", "invites"),
    ("^/api/auth/invites/\\{token\\}", "token", "invite_tokens"),
    ("^/api/api-keys/\\{id\\}", "id", "api_keys"),
    ("^/api/settings/providers/\\{name\\}", "name", "providers"),
    # Only a login may know a password; nothing else (a password change least of all).
    ("^/api/auth/login$", "body.email", "emails"),
    ("^/api/auth/login$", "body.password", "passwords"),
]

# A request that fits the schema may still be refused for what it names: run
# inputs depend on the pipeline, a credential's fields on its stored kind, and
# a provider's credential must be one of the workspace's.
SEMANTIC_422 = ["^/api/pipelines/\\{id\\}/(run|test-run)$", "^/api/executions/\\{id\\}/retry$",
                "^/api/credentials/\\{id\\}$", "^/api/(settings|server)/providers$",
                # A cron expression, a time zone, a credential's kind: not a schema's to say.
                "^/api/triggers(/preview|/\\{id\\})?$"]
# Multipart bodies carry every field as text: a "wrongly typed" field is text
# the run reads as its input says, not a violation the server could see.
MULTIPART = ["^/api/pipelines/\\{id\\}/run$", "^/api/files$"]
# A plain HTTP client cannot upgrade to a WebSocket.
WEBSOCKET = "^/api/ws$"
# Accepting an invite ends it, so a later request on it rightly finds nothing
# (404); Schemathesis would count that as a created resource gone missing.
CONSUMED = ["^/api/invites/\\{id\\}$", "^/api/auth/invites/\\{token\\}$"]
# An unreachable LLM provider is the provider's failure, not the server's.
UPSTREAM = "^/api/settings/providers/\\{name\\}/models$"


def toml_value(value):
    return json.dumps(value)  # JSON strings, numbers and arrays are TOML too


def write_config(path, fixtures, args):
    positive = ["2xx", "401", "403", "404", "409", "429"]
    negative = ["400", "401", "403", "404", "405", "409", "413", "415", "422", "429"]
    lines = [
        f"seed = {args.seed}",
        f"max-time = {args.max_time}",
        f"workers = {args.workers}",
        'hooks = "hooks"',
        "request-timeout = 40",  # a run may wait 30 s
        "[generation]",
        f"max-examples = {args.max_examples}",
        'database = "none"',
        "[checks.positive_data_acceptance]",
        f"expected-statuses = {toml_value(positive)}",
        "[checks.negative_data_rejection]",
        f"expected-statuses = {toml_value(negative)}",
        "[phases.stateful]",
        f"max-steps = {args.max_steps}",
        "[phases.coverage]",
        'unexpected-methods = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "PATCH"]',
    ]
    for name, ids in fixtures.items():
        lines += [f"[dictionaries.{name}]", f"values = {toml_value(ids)}"]
    by_path = {}
    for regex, parameter, dictionary in BINDINGS:
        key = parameter if parameter.startswith("body.") else f"path.{parameter}"
        by_path.setdefault(regex, []).append(f'"{key}" = {{ dictionary = "{dictionary}", probability = 0.5 }}')
    for regex, bindings in by_path.items():
        # Deleting a fixture would turn the rest of the run into 404s (hooks.py
        # keeps other deletions of them from being sent).
        lines += ["[[operations]]", f"include-path-regex = {toml_value(regex)}", 'exclude-method = "DELETE"',
                  f"parameters = {{ {', '.join(bindings)} }}"]
    for regex in MULTIPART:
        lines += ["[[operations]]", f"include-path-regex = {toml_value(regex)}",
                  "checks.negative_data_rejection.enabled = false",
                  f"checks.positive_data_acceptance.expected-statuses = {toml_value(positive + ['422'])}"]
    for regex in SEMANTIC_422:
        lines += ["[[operations]]", f"include-path-regex = {toml_value(regex)}",
                  f"checks.positive_data_acceptance.expected-statuses = {toml_value(positive + ['422'])}"]
    for regex in CONSUMED:
        lines += ["[[operations]]", f"include-path-regex = {toml_value(regex)}",
                  "checks.ensure_resource_availability.enabled = false"]
    lines += ["[[operations]]", f"include-path-regex = {toml_value(WEBSOCKET)}",
              f"checks.positive_data_acceptance.expected-statuses = {toml_value(positive + ['426'])}"]
    lines += ["[[operations]]", f"include-path-regex = {toml_value(UPSTREAM)}",
              f"checks.not_a_server_error.expected-statuses = {toml_value(['2xx', '4xx', '502', '503', '504'])}",
              f"checks.positive_data_acceptance.expected-statuses = {toml_value(positive + ['502', '503', '504'])}"]
    path.write_text("\n".join(lines) + "\n")


def summarise(report_dir, seconds, exit_code):
    """Figures from the NDJSON event stream: requests sent, answers by status
    class, failed checks by name."""
    requests, statuses, failures = 0, {}, {}
    for events in sorted(report_dir.glob("*.ndjson")):
        for line in events.read_text().splitlines():
            finished = json.loads(line).get("ScenarioFinished")
            if not finished:
                continue
            recorder = finished.get("recorder", {})
            for interaction in recorder.get("interactions", {}).values():
                requests += 1
                response = interaction.get("response") or {}
                kind = f"{str(response.get('status_code', 0))[0]}xx"
                statuses[kind] = statuses.get(kind, 0) + 1
            for checks in recorder.get("checks", {}).values():
                for check in checks:
                    if check.get("status") != "success":
                        failures[check["name"]] = failures.get(check["name"], 0) + 1
    print(f"schemathesis: {requests} requests in {seconds:.0f} s ("
          + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())) + f"), exit {exit_code}; "
          + "failed checks: " + (", ".join(f"{k} {v}" for k, v in sorted(failures.items())) or "none"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--max-examples", type=int, default=25, help="per operation and phase")
    parser.add_argument("--max-steps", type=int, default=20, help="per stateful scenario")
    parser.add_argument("--max-time", type=int, default=240, help="seconds for the whole run")
    # One worker: Hypothesis describes strategies through a cache that two
    # threads can corrupt ("AST constructor recursion depth mismatch").
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--report", type=Path, help="keep the reports (NDJSON, JUnit) in this directory")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="weft-schemathesis-") as tmp:
        tmp = Path(tmp)
        ollama = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeOllama)
        threading.Thread(target=ollama.serve_forever, daemon=True).start()
        server = Server(tmp / "data", {"OLLAMA_HOST": f"http://127.0.0.1:{ollama.server_port}"})
        server.extra_args = ["--allow-signup"]  # so that sign-up has a 201 to give
        server.start()  # creates the owner through POST /api/auth/setup
        try:
            owner_id = server.get("/api/me")[1]["user"]["id"]
            fixtures = plant_fixtures(server)
            config = tmp / "schemathesis.toml"
            write_config(config, fixtures, args)
            report_dir = args.report or tmp / "report"
            env = dict(os.environ, PYTHONPATH=str(HERE), WEFT_FUZZ_URL=server.url,
                       WEFT_FUZZ_EMAIL=OWNER["email"], WEFT_FUZZ_PASSWORD=OWNER["password"],
                       WEFT_FUZZ_USER_ID=owner_id, WEFT_FUZZ_FIXTURES=json.dumps(
                           [value for kind in ("pipelines", "test_pipelines", "credentials", "members",
                                               "invites", "api_keys") for value in fixtures[kind]]))
            command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run",
                       # Every check is on by default (`--checks all` would also override
                       # the two per-operation exceptions in the config).
                       f"{server.url}/api/openapi.json", "--no-color",
                       "--report", "ndjson,junit", "--report-dir", str(report_dir)]
            started = time.monotonic()
            code = subprocess.call(command, env=env, cwd=tmp)
            seconds = time.monotonic() - started
            alive = server.process.poll() is None
        finally:
            server.stop()
            ollama.shutdown()
            Path(report_dir).mkdir(parents=True, exist_ok=True)
            (Path(report_dir) / "server.log").write_text("\n".join(server.log_lines) + "\n")
        summarise(Path(report_dir), seconds, code)
        if not alive:
            print("schemathesis: the server died during the run:\n" + "\n".join(server.log_lines[-20:]))
            return 1
        return code


if __name__ == "__main__":
    sys.exit(main())
