"""Pipelines that work on their own (issue 12): schedules that fire, webhooks
that check signatures, answer once per idempotency key and hold a rate limit,
and shared forms that anyone with the link can submit, each run recorded with
what started it."""
import concurrent.futures
import hashlib
import hmac
import json
import time
import urllib.request

import pytest

ECHO = {
    "id": "echo",
    "name": "Echo",
    "description": "Says what it was given",
    "nodes": [
        {"id": "text", "type": "input_text", "config": {"name": "text", "label": "Your text"}},
        {"id": "shout", "type": "template", "config": {"template": "{{ text.text | upper }}"}},
        {"id": "answer", "type": "output_text", "config": {"name": "answer"}},
    ],
    "edges": [{"source": "text", "target": "shout"}, {"source": "shout", "target": "answer"}],
}


@pytest.fixture
def echo(server):
    status, body, _ = server.post("/api/pipelines", ECHO)
    assert status == 201, body
    return server


def add(server, kind, config=None, **extra):
    status, body, _ = server.post("/api/triggers", dict({"pipeline_id": "echo", "kind": kind,
                                                         "config": config or {}}, **extra))
    assert status == 201, body
    return body


def deliver(server, url, body, headers=None, method="POST"):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return server.request(method, url, raw=data, token=None,
                          headers=dict({"Content-Type": "application/json"}, **(headers or {})))


def executions(server, **filters):
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    status, body, _ = server.get(f"/api/executions?limit=200&{query}")
    assert status == 200, body
    return body["items"]


def test_schedule_shows_its_next_fire_times_and_preview_names_bad_fields(echo):
    trigger = add(echo, "schedule", {"cron": "0 9 * * 1-5", "timezone": "Europe/Berlin"})
    assert len(trigger["next_fire_times"]) == 5
    assert all(t.endswith("+01:00") and "T09:00:00" in t for t in trigger["next_fire_times"])
    status, body, _ = echo.post("/api/triggers/preview",
                                {"config": {"cron": "0 25 * * *", "timezone": "Mars/Base"}})
    assert status == 422
    pointers = {d["pointer"] for d in body["error"]["details"]}
    assert pointers == {"/config/cron", "/config/timezone"}
    status, body, _ = echo.post("/api/triggers/preview", {"config": {"cron": "*/30 * * * *"}})
    assert status == 200 and len(body["next_fire_times"]) == 5
    # Paused: no fire times; listed with its pipeline.
    status, paused, _ = echo.put(f"/api/triggers/{trigger['id']}", {"enabled": False})
    assert status == 200 and paused["next_fire_times"] == []
    status, listed, _ = echo.get("/api/triggers?pipeline_id=echo")
    assert [t["id"] for t in listed["triggers"]] == [trigger["id"]]


def test_a_per_second_schedule_fires_runs_recorded_as_scheduled(echo):
    trigger = add(echo, "schedule", {"cron": "* * * * * *", "timezone": "UTC"},
                  inputs={"text": "tick"})
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(executions(echo, trigger="schedule")) < 2:
        time.sleep(0.2)
    runs = executions(echo, trigger="schedule")
    assert len(runs) >= 2
    assert all(r["trigger_id"] == trigger["id"] for r in runs)
    done = echo.wait_for_status(runs[-1]["id"], {"succeeded"})
    assert done["outputs"] == {"answer": "TICK"}
    status, paused, _ = echo.put(f"/api/triggers/{trigger['id']}", {"enabled": False})
    assert status == 200 and paused["fire_count"] >= 2
    time.sleep(1.2)
    settled = len(executions(echo, trigger="schedule"))
    time.sleep(2.2)
    assert len(executions(echo, trigger="schedule")) == settled


def test_webhook_runs_the_published_pipeline_at_once_or_answers_its_outcome(echo):
    hook = add(echo, "webhook")
    assert hook["url"].startswith("/hooks/") and len(hook["url"]) > 40
    status, body, _ = deliver(echo, hook["url"], {"text": "hello"})
    assert status == 202, body
    done = echo.wait_for_status(body["execution_id"], {"succeeded"})
    assert done["trigger"] == "webhook" and done["trigger_id"] == hook["id"]
    waits = add(echo, "webhook", {"respond": "when_finished"})
    status, body, _ = deliver(echo, waits["url"], {"text": "hi"})
    assert status == 200 and body["outputs"] == {"answer": "HI"}
    status, body, _ = deliver(echo, waits["url"], {"nothing": 1})
    assert status == 422 and body["error"]["details"][0]["pointer"] == "/text"
    # The wrong method, a rotated URL, a paused webhook.
    status, body, headers = deliver(echo, hook["url"], {"text": "x"}, method="PUT")
    assert status == 405 and headers["Allow"] == "POST"
    status, rotated, _ = echo.post(f"/api/triggers/{hook['id']}/rotate")
    assert status == 200 and rotated["url"] != hook["url"]
    assert deliver(echo, hook["url"], {"text": "x"})[0] == 404
    assert deliver(echo, rotated["url"], {"text": "x"})[0] == 202
    echo.put(f"/api/triggers/{hook['id']}", {"enabled": False})
    assert deliver(echo, rotated["url"], {"text": "x"})[0] == 404


def github_signature(secret, body):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_signed_webhooks_refuse_wrong_secrets_altered_bodies_and_stale_stripe_times(echo):
    status, cred, _ = echo.post("/api/credentials", {"name": "gh", "kind": "webhook_secret",
                                                     "data": {"secret": "s3cret"}})
    assert status == 201, cred
    hook = add(echo, "webhook", {"signature": {"scheme": "github", "credential": cred["id"]}})
    body = json.dumps({"text": "signed"}).encode()
    before = len(executions(echo, trigger="webhook"))
    good = {"X-Hub-Signature-256": github_signature("s3cret", body)}
    for headers, raw in [({"X-Hub-Signature-256": github_signature("wrong", body)}, body),
                         (good, body.replace(b"signed", b"SIGNED")),
                         ({}, body)]:
        status, answer, _ = deliver(echo, hook["url"], raw, headers)
        assert status == 401, answer
    assert len(executions(echo, trigger="webhook")) == before
    status, answer, _ = deliver(echo, hook["url"], body, good)
    assert status == 202, answer

    stripe = add(echo, "webhook", {"signature": {"scheme": "stripe", "credential": cred["id"]}})
    def stripe_header(at):
        return {"Stripe-Signature": f"t={at},v1=" + hmac.new(
            b"s3cret", f"{at}.".encode() + body, hashlib.sha256).hexdigest()}
    assert deliver(echo, stripe["url"], body, stripe_header(int(time.time()) - 600))[0] == 401
    assert deliver(echo, stripe["url"], body, stripe_header(int(time.time())))[0] == 202
    # The secret never shows in what the API answers.
    status, listed, _ = echo.get("/api/triggers")
    assert "s3cret" not in json.dumps(listed)


def test_ten_parallel_deliveries_with_one_idempotency_key_make_one_execution(echo):
    hook = add(echo, "webhook", {"respond": "when_finished", "idempotency": {"header": "Idempotency-Key"}})
    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(lambda _: deliver(echo, hook["url"], {"text": "once"},
                                                  {"Idempotency-Key": "delivery-1"}), range(10)))
    assert {a[0] for a in answers} == {200}
    assert len({json.dumps(a[1], sort_keys=True) for a in answers}) == 1
    assert len(executions(echo, trigger_id=hook["id"])) == 1
    # Another key is another execution.
    deliver(echo, hook["url"], {"text": "twice"}, {"Idempotency-Key": "delivery-2"})
    assert len(executions(echo, trigger_id=hook["id"])) == 2


def succeeded_ids(server, trigger_id):
    """Every succeeded execution the trigger started, over all pages."""
    found, cursor = set(), ""
    while True:
        status, page, _ = server.get(f"/api/executions?limit=200&trigger_id={trigger_id}&cursor={cursor}")
        assert status == 200, page
        found |= {r["id"] for r in page["items"] if r["status"] == "succeeded"}
        cursor = page.get("next_cursor") or ""
        if not cursor:
            return found


def test_a_thousand_concurrent_deliveries_make_a_thousand_finished_executions(echo):
    hook = add(echo, "webhook")
    def send(i):
        return deliver(echo, hook["url"], {"text": f"n{i}"})
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        answers = list(pool.map(send, range(1000)))
    assert [a[0] for a in answers].count(202) == 1000
    ids = {a[1]["execution_id"] for a in answers}
    assert len(ids) == 1000
    deadline = time.monotonic() + 60
    finished = succeeded_ids(echo, hook["id"])
    while len(finished) < 1000 and time.monotonic() < deadline:
        time.sleep(0.5)
        finished = succeeded_ids(echo, hook["id"])
    assert finished == ids


def test_a_webhook_holds_its_rate_limit_and_refuses_oversized_bodies_fast(echo):
    hook = add(echo, "webhook", {"rate_limit_per_minute": 3})
    codes = [deliver(echo, hook["url"], {"text": "x"})[0] for _ in range(3)]
    assert codes == [202, 202, 202]
    status, body, headers = deliver(echo, hook["url"], {"text": "x"})
    assert status == 429 and int(headers["Retry-After"]) >= 1
    big = b'{"text": "' + b"x" * (50 * 1024 * 1024) + b'"}'
    started = time.monotonic()
    try:
        status = deliver(echo, hook["url"], big)[0]
    except (ConnectionError, urllib.error.URLError):
        status = 413  # the server answered 413 and closed while the body was still going
    assert status == 413
    assert time.monotonic() - started < 5


def test_a_shared_form_answers_anyone_with_the_link_until_it_closes(echo):
    form = add(echo, "form", {"title": "Shout it", "max_submissions": 2,
                              "success_message": "Thanks!"})
    assert form["url"].startswith("/f/")
    token = form["url"][3:]
    status, described, _ = echo.get(f"/api/forms/{token}", token=None)
    assert status == 200, described
    assert described["title"] == "Shout it" and described["description"] == "Says what it was given"
    assert described["fields"] == [{"name": "text", "label": "Your text", "description": "",
                                    "kind": "text", "required": True}]
    status, answer, _ = echo.post(f"/api/forms/{token}", {"text": "hey", "extra": "ignored"}, token=None)
    assert status == 200, answer
    assert answer["outputs"] == {"answer": "HEY"} and answer["message"] == "Thanks!"
    assert executions(echo, trigger="form")[0]["inputs"] == {"text": "hey"}
    status, bad, _ = echo.post(f"/api/forms/{token}", {}, token=None)
    assert status == 422 and bad["error"]["details"][0]["pointer"] == "/text"
    assert echo.post(f"/api/forms/{token}", {"text": "two"}, token=None)[0] == 200
    assert echo.get(f"/api/forms/{token}", token=None)[0] == 410
    assert echo.post(f"/api/forms/{token}", {"text": "three"}, token=None)[0] == 410
    expired = add(echo, "form", {"expires_at": "2020-01-01T00:00:00Z"})
    assert echo.get(f"/api/forms/{expired['url'][3:]}", token=None)[0] == 410
    assert echo.get("/api/forms/" + "A" * 43, token=None)[0] == 404


RESPONDER = {
    "id": "responder",
    "nodes": [
        {"id": "text", "type": "input_text", "config": {"name": "text"}},
        {"id": "reply", "type": "output_response", "config": {
            "status": "201", "headers": {"X-Greeting": "hi {{ text.text }}", "Set-Cookie": "no=1"},
            "body_type": "text", "body": "{{ text.text | upper }}!"}},
    ],
    "edges": [{"source": "text", "target": "reply"}],
}


def test_an_api_response_block_shapes_the_answer_of_run_and_of_webhooks(echo):
    assert echo.post("/api/pipelines", RESPONDER)[0] == 201
    status, body, headers = echo.post("/api/pipelines/responder/run", {"text": "ok"})
    assert (status, body) == (201, "OK!")
    assert headers["X-Greeting"] == "hi ok" and headers["Content-Type"].startswith("text/plain")
    assert headers["Set-Cookie"] is None  # a pipeline cannot set cookies on the server's origin
    assert echo.wait_for_status(headers["X-Execution-Id"], {"succeeded"})["outputs"]["reply"]["status"] == 201
    status, hook, _ = echo.post("/api/triggers", {"pipeline_id": "responder", "kind": "webhook",
                                                  "config": {"respond": "when_finished"}})
    status, body, headers = deliver(echo, hook["url"], {"text": "hook"})
    assert (status, body, headers["X-Greeting"]) == (201, "HOOK!", "hi hook")
    # Without waiting, the caller gets the execution id as usual.
    status, body, _ = echo.post("/api/pipelines/responder/run?wait=false", {"text": "later"})
    assert status == 202 and body["execution_id"]


def test_a_failed_run_starts_the_pipelines_error_pipeline_with_what_failed(echo):
    on_failure = {"id": "on-failure", "nodes": [
        {"id": "failure", "type": "input_json", "config": {"name": "failure"}},
        {"id": "out", "type": "output_json", "config": {"name": "seen", "value": "{{ failure.json }}"}}],
        "edges": [{"source": "failure", "target": "out"}]}
    fails = {"id": "fails", "settings": {"error_pipeline": "on-failure"}, "nodes": [
        {"id": "text", "type": "input_text", "config": {"name": "text"}},
        {"id": "call", "type": "http_request", "config": {"url": "http://127.0.0.1:1/"}}],
        "edges": [{"source": "text", "target": "call"}]}
    assert echo.post("/api/pipelines", on_failure)[0] == 201
    assert echo.post("/api/pipelines", fails)[0] == 201
    status, run, _ = echo.post("/api/pipelines/fails/run", {"text": "boom"})
    assert status == 200 and run["status"] == "failed", run
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not executions(echo, trigger="error_pipeline"):
        time.sleep(0.1)
    [reported] = executions(echo, trigger="error_pipeline")
    done = echo.wait_for_status(reported["id"], {"succeeded"})
    seen = done["outputs"]["seen"]
    assert seen["execution_id"] == run["execution_id"] and seen["pipeline_id"] == "fails"
    assert seen["failed_node"] == "call" and seen["inputs"] == {"text": "boom"}
    assert seen["error"]["code"] == "network_error"


def test_unsigned_deliveries_do_not_use_up_a_signed_webhooks_rate_limit(echo):
    status, cred, _ = echo.post("/api/credentials", {"name": "gh", "kind": "webhook_secret",
                                                     "data": {"secret": "s3cret"}})
    hook = add(echo, "webhook", {"rate_limit_per_minute": 2,
                                 "signature": {"scheme": "github", "credential": cred["id"]}})
    body = json.dumps({"text": "x"}).encode()
    forged = {"X-Hub-Signature-256": github_signature("guess", body)}
    assert [deliver(echo, hook["url"], body, forged)[0] for _ in range(5)] == [401] * 5
    signed = {"X-Hub-Signature-256": github_signature("s3cret", body)}
    assert [deliver(echo, hook["url"], body, signed)[0] for _ in range(3)] == [202, 202, 429]


def test_a_public_form_and_a_pipelines_triggers_are_bounded(echo):
    form = add(echo, "form")
    token = form["url"][3:]
    codes = [echo.post(f"/api/forms/{token}", {"text": "hi"}, token=None)[0] for _ in range(61)]
    assert codes[:60] == [200] * 60
    status, body, headers = echo.post(f"/api/forms/{token}", {"text": "hi"}, token=None)
    assert status == 429 and int(headers["Retry-After"]) >= 1, body
    for _ in range(99):
        add(echo, "webhook")
    status, body, _ = echo.post("/api/triggers", {"pipeline_id": "echo", "kind": "webhook"})
    assert status == 413 and "100 triggers" in body["error"]["message"], body
