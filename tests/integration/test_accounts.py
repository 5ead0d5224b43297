"""Accounts over HTTP: setup, login, workspaces kept apart, roles, API keys,
and fields a caller may not set."""
import subprocess

import pytest

from conftest import OWNER

B = {"email": "bea@example.com", "password": "another long password", "name": "Bea"}


def sign_in_as(server, account, workspace="ws_default"):
    """Logs in to `workspace` (where the owner's pipelines are); a user's own is the default otherwise."""
    status, session, _ = server.post("/api/auth/login", {"email": account["email"], "password": account["password"],
                                                         "workspace": workspace}, token=None)
    assert status == 200, session
    return session["access_token"]


def test_a_new_install_has_no_account_until_setup_and_setup_happens_once(server):
    status, body, _ = server.get("/api/auth/setup", token=None)
    assert status == 200 and body == {"needs_setup": False}  # the fixture set up the owner
    status, body, _ = server.post("/api/auth/setup", {"email": "late@example.com", "password": "x" * 12}, token=None)
    assert status == 409
    status, body, _ = server.post("/api/auth/register", B, token=None)
    assert status == 403, "open sign-up is off by default"


def test_login_refresh_logout_and_a_reused_refresh_token(server):
    status, session, _ = server.post("/api/auth/login", {"email": OWNER["email"], "password": OWNER["password"]}, token=None)
    assert status == 200 and session["workspace"]["role"] == "owner"
    status, wrong, _ = server.post("/api/auth/login", {"email": OWNER["email"], "password": "nope nope nope"}, token=None)
    status2, unknown, _ = server.post("/api/auth/login", {"email": "who@example.com", "password": "nope nope nope"}, token=None)
    assert status == status2 == 401 and wrong["error"]["message"] == unknown["error"]["message"]
    refresh = session["refresh_token"]
    status, renewed, _ = server.post("/api/auth/refresh", {"refresh_token": refresh}, token=None)
    assert status == 200 and renewed["refresh_token"] != refresh
    status, reused, _ = server.post("/api/auth/refresh", {"refresh_token": refresh}, token=None)
    assert status == 401
    status, _, _ = server.post("/api/auth/refresh", {"refresh_token": renewed["refresh_token"]}, token=None)
    assert status == 401, "reusing a spent token ends the whole family"


def test_user_b_cannot_see_user_a_things_by_id(server):
    server.post("/api/pipelines", {"id": "secret-plan", "nodes": [], "edges": []})
    status, run, _ = server.post("/api/pipelines/ticket-triage/run", {"text": "hello"})
    status, cred, _ = server.post("/api/credentials", {"name": "a-key", "kind": "bearer", "data": {"token": "tok-a"}})
    assert status == 201
    # B joins as the owner of a workspace of their own (created by A as a member elsewhere is not needed).
    status, member, _ = server.post("/api/members", dict(B, role="viewer"))
    assert status == 202
    b_token = sign_in_as(server, B)
    status, me, _ = server.get("/api/me", token=b_token)
    own = next(w for w in me["workspaces"] if w["role"] == "owner")
    status, switched, _ = server.post("/api/auth/login", {"email": B["email"], "password": B["password"], "workspace": own["id"]}, token=None)
    assert status == 200 and switched["workspace"]["id"] == own["id"]
    b_own = switched["access_token"]
    for path in ["/api/pipelines/secret-plan", f"/api/executions/{run['execution_id']}", f"/api/credentials/{cred['id']}"]:
        status, body, _ = server.get(path, token=b_own)
        assert status == 404, (path, body)
    status, body, _ = server.get("/api/pipelines", token=b_own)
    assert body["items"] == []


def test_a_viewer_reads_and_runs_but_changes_nothing(server):
    server.post("/api/members", dict(B, role="viewer"))
    viewer = sign_in_as(server, B)
    assert server.get("/api/pipelines", token=viewer)[0] == 200
    status, run, _ = server.post("/api/pipelines/ticket-triage/run", {"text": "hello"}, token=viewer)
    assert status == 200 and run["status"] == "succeeded"
    attempts = [("POST", "/api/pipelines", {"id": "v", "nodes": [], "edges": []}),
                ("PUT", "/api/pipelines/ticket-triage", {"nodes": [], "edges": [], "version": 1}),
                ("DELETE", "/api/pipelines/ticket-triage", None),
                ("POST", "/api/pipelines/ticket-triage/versions/1/restore", None),
                ("POST", "/api/credentials", {"name": "c", "kind": "bearer", "data": {"token": "t"}}),
                ("POST", "/api/api-keys", {"name": "k"}),
                ("POST", "/api/members", {"email": "x@example.com", "role": "owner"}),
                ("POST", "/api/invites", {"role": "admin"})]
    for method, path, body in attempts:
        status, answer, _ = server.request(method, path, body, token=viewer)
        assert status == 403, (method, path, answer)
    assert server.get("/api/pipelines/ticket-triage")[1]["version"] == 1


def test_fields_a_caller_may_not_set_are_ignored(server):
    status, member, _ = server.post("/api/members", dict(B, role="viewer", owner=True, workspace_id="ws_other",
                                                        password_hash="$argon2id$fake"))
    assert status == 202 and member == {"status": "invited", "email": B["email"], "role": "viewer"}
    token = sign_in_as(server, B)
    status, me, _ = server.get("/api/me", token=token)
    assert me["workspace"]["role"] == "viewer"
    # A pipeline document names no workspace: the key is reported as unknown
    # and the draft lands in the caller's own workspace.
    status, body, _ = server.post("/api/pipelines", {"id": "p2", "nodes": [], "edges": [], "workspace_id": "ws_other"})
    assert status == 201 and any(p["pointer"] == "/workspace_id" for p in body["problems"])
    assert server.get("/api/pipelines/p2")[0] == 200
    status, session, _ = server.post("/api/auth/setup", {"email": "x@example.com", "password": "y" * 12, "role": "owner"}, token=None)
    assert status == 409


def test_an_api_key_runs_its_pipeline_with_curl_and_nothing_else(server):
    status, key, _ = server.post("/api/api-keys", {"name": "ci", "scope": "run", "pipeline_id": "ticket-triage"})
    assert status == 201 and key["key"].startswith("wft_")
    listed = server.get("/api/api-keys")[1]["items"]
    assert "key" not in listed[0], "a key is shown once"
    out = subprocess.run(["curl", "-s", "-X", "POST", f"{server.url}/api/pipelines/ticket-triage/run",
                          "-H", f"Authorization: Bearer {key['key']}", "-H", "Content-Type: application/json",
                          "-d", '{"text": "urgent: site down"}'], capture_output=True, text=True, check=True)
    assert '"status":"succeeded"' in out.stdout and "ESCALATE" in out.stdout
    assert server.get("/api/pipelines", token=key["key"])[0] == 403
    assert server.post("/api/pipelines/text-stats/run", {"text": "x"}, token=key["key"])[0] == 403
    server.delete(f"/api/api-keys/{key['id']}")
    assert server.post("/api/pipelines/ticket-triage/run", {"text": "x"}, token=key["key"])[0] == 401


def test_credentials_are_write_only(server):
    status, cred, _ = server.post("/api/credentials", {"name": "svc", "kind": "basic",
                                                      "data": {"username": "u", "password": "CANARY-pw-771"}})
    assert status == 201 and cred["fields"] == ["password", "username"]
    status, bad, _ = server.post("/api/credentials", {"name": "svc2", "kind": "basic", "data": {"username": 5}})
    assert status in (400, 422) and bad["error"]["details"]
    status, patched, _ = server.request("PATCH", f"/api/credentials/{cred['id']}", {"data": {"username": "v"}})
    assert status == 200 and patched["fields"] == ["password", "username"]
    for path in ["/api/credentials", f"/api/credentials/{cred['id']}"]:
        assert "CANARY-pw-771" not in str(server.get(path)[1])
