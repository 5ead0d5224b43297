"""Joining a workspace only by saying yes, without telling anyone which emails
have an account; what a run-scoped API key may reach; and the limits on
guessing (passwords, API keys, refresh tokens), each 429 with Retry-After."""
from conftest import OWNER

SOLO = {"email": "solo@example.com", "password": "solo's long password", "name": "Solo"}


def make_outsider(server, account=SOLO):
    """An account that exists but is no member of the owner's workspace."""
    status, _, _ = server.post("/api/members", dict(account, role="viewer"))
    assert status == 202
    members = server.get("/api/members")[1]["items"]
    user_id = next(m["user_id"] for m in members if m["email"] == account["email"])
    assert server.delete(f"/api/members/{user_id}")[0] == 204


def log_in(server, account, **extra):
    return server.post("/api/auth/login", dict(email=account["email"], password=account["password"], **extra),
                       token=None)


def test_adding_an_address_answers_the_same_whether_or_not_it_has_an_account(server):
    make_outsider(server)
    answers = []
    for body in [{"email": SOLO["email"], "role": "editor"},
                 {"email": "nobody@example.com", "role": "editor"},
                 {"email": SOLO["email"], "role": "editor", "password": "a password to give"},
                 {"email": "fresh@example.com", "role": "editor", "password": "a password to give"}]:
        status, answer, _ = server.post("/api/members", body)
        answers.append((status, tuple(sorted(answer)), answer["status"], answer["role"]))
    assert len(set(answers)) == 1 and answers[0][0] == 202, answers
    # Solo was only invited: a login lands in their own workspace and may not ask for ours.
    status, session, _ = log_in(server, SOLO)
    assert status == 200 and session["workspace"]["id"] != "ws_default"
    assert log_in(server, SOLO, workspace="ws_default")[0] == 403
    status, _, _ = server.post("/api/auth/refresh", {"refresh_token": session["refresh_token"],
                                                     "workspace": "ws_default"}, token=None)
    assert status == 403
    # And the password given for an existing account changed nothing.
    assert log_in(server, {"email": SOLO["email"], "password": "a password to give"})[0] == 401
    # The new account was made and is a member; the owner sees Solo's invitation pending.
    assert log_in(server, {"email": "fresh@example.com", "password": "a password to give"})[1]["workspace"]["id"] \
        == "ws_default"
    pending = [i["email"] for i in server.get("/api/invites")[1]["items"]]
    assert sorted(pending) == ["nobody@example.com", SOLO["email"]]


def test_the_invitee_accepts_in_the_editor_and_then_lands_there(server):
    make_outsider(server)
    assert server.post("/api/members", {"email": SOLO["email"], "role": "editor"})[0] == 202
    token = log_in(server, SOLO)[1]["access_token"]
    status, listed, _ = server.get("/api/me/invitations", token=token)
    assert status == 200 and len(listed["items"]) == 1
    invitation = listed["items"][0]
    assert {k: invitation[k] for k in ("workspace_id", "workspace_name", "role", "invited_by")} == \
        {"workspace_id": "ws_default", "workspace_name": "Default", "role": "editor", "invited_by": OWNER["name"]}
    # Nobody else can answer it; the owner's token has no invitations.
    assert server.get("/api/me/invitations")[1]["items"] == []
    assert server.post(f"/api/me/invitations/{invitation['id']}/accept")[0] == 404
    status, joined, _ = server.post(f"/api/me/invitations/{invitation['id']}/accept", token=token)
    assert status == 200 and joined == {"workspace": {"id": "ws_default", "name": "Default", "role": "editor"}}
    assert log_in(server, SOLO)[1]["workspace"] == {"id": "ws_default", "name": "Default", "role": "editor"}
    assert server.get("/api/me/invitations", token=token)[1]["items"] == []


def test_a_declined_invitation_is_gone_for_both(server):
    make_outsider(server)
    server.post("/api/members", {"email": SOLO["email"], "role": "viewer"})
    token = log_in(server, SOLO)[1]["access_token"]
    invitation = server.get("/api/me/invitations", token=token)[1]["items"][0]
    status, body, _ = server.post(f"/api/me/invitations/{invitation['id']}/decline", token=token)
    assert status == 204, body
    assert server.get("/api/invites")[1]["items"] == []
    assert server.post(f"/api/me/invitations/{invitation['id']}/accept", token=token)[0] == 404
    assert log_in(server, SOLO, workspace="ws_default")[0] == 403


def test_a_run_key_runs_its_pipeline_and_reads_only_its_executions(server):
    status, other, _ = server.post("/api/pipelines/text-stats/run", {"text": "one two"})
    assert status == 200, other
    status, key, _ = server.post("/api/api-keys", {"name": "ci", "scope": "run", "pipeline_id": "ticket-triage"})
    key = key["key"]
    status, started, _ = server.post("/api/pipelines/ticket-triage/run?wait=false", {"text": "site down"}, token=key)
    assert status == 202, started
    mine = server.wait_for_status(started["execution_id"], {"succeeded"})
    status, read, _ = server.get(f"/api/executions/{mine['id']}", token=key)
    assert status == 200 and read["pipeline_id"] == "ticket-triage"
    status, listed, _ = server.get("/api/executions", token=key)
    assert status == 200 and {e["pipeline_id"] for e in listed["items"]} == {"ticket-triage"}
    assert server.get(f"/api/executions/{other['execution_id']}", token=key)[0] == 403
    assert server.get("/api/executions?pipeline_id=text-stats", token=key)[0] == 403
    for method, path in [("POST", "/api/pipelines/ticket-triage/test-run"),
                         ("POST", f"/api/executions/{mine['id']}/retry"),
                         ("POST", f"/api/executions/{mine['id']}/cancel"),
                         ("POST", "/api/pipelines/ticket-triage/validate"),
                         ("GET", "/api/pipelines/ticket-triage"),
                         ("GET", "/api/me"),
                         ("GET", "/api/me/invitations")]:
        status, body, _ = server.request(method, path, {} if method == "POST" else None, token=key)
        assert status == 403, (method, path, body)


def test_every_429_says_when_to_come_back(server):
    def limited(answer):
        status, body, headers = answer
        assert status == 429, body
        assert int(headers["Retry-After"]) >= 1, headers
        return int(headers["Retry-After"])

    # Logins: five wrong passwords for one account.
    for _ in range(5):
        assert log_in(server, {"email": OWNER["email"], "password": "wrong wrong wrong"})[0] == 401
    assert limited(log_in(server, OWNER)) <= 15 * 60

    # An invite link accepted with an existing account's password counts as a login of that account.
    make_outsider(server)
    link = server.post("/api/invites", {"role": "viewer", "email": SOLO["email"]})[1]["token"]
    for _ in range(5):
        wrong = dict(SOLO, password="not solo's password")
        assert server.post(f"/api/auth/invites/{link}/accept", wrong, token=None)[0] == 401
    limited(server.post(f"/api/auth/invites/{link}/accept", SOLO, token=None))

    # Password changes: five wrong current passwords, then a limit of their own…
    status, fresh, _ = server.post("/api/members", {"email": "pat@example.com", "role": "viewer",
                                                    "password": "pat's long password"})
    pat = log_in(server, {"email": "pat@example.com", "password": "pat's long password"})[1]["access_token"]
    for _ in range(5):
        answer = server.post("/api/me/password", {"old_password": "a guess", "new_password": "x" * 12}, token=pat)
        assert answer[0] == 403, answer
    limited(server.post("/api/me/password", {"old_password": "pat's long password",
                                             "new_password": "x" * 12}, token=pat))
    # …which never locks Pat's login.
    assert log_in(server, {"email": "pat@example.com", "password": "pat's long password"})[0] == 200

    # API keys: twenty wrong ones from this address, then even a right one waits.
    key = server.post("/api/api-keys", {"name": "ci", "scope": "run"})[1]["key"]
    wrong = key[:-1] + ("a" if key[-1] != "a" else "b")
    for _ in range(20):
        assert server.post("/api/pipelines/ticket-triage/run", {"text": "x"}, token=wrong)[0] == 401
    assert limited(server.post("/api/pipelines/ticket-triage/run", {"text": "x"}, token=key)) <= 60
    # Refresh tokens are limited with API keys, per address.
    limited(server.post("/api/auth/refresh", {"refresh_token": "a guess"}, token=None))
    # The owner's access token is not a guess: it still works.
    assert server.get("/api/pipelines")[0] == 200


def test_failed_refresh_tokens_are_limited_per_address(server):
    session = log_in(server, OWNER)[1]
    for i in range(20):
        assert server.post("/api/auth/refresh", {"refresh_token": f"guess-{i}"}, token=None)[0] == 401
    status, body, headers = server.post("/api/auth/refresh", {"refresh_token": session["refresh_token"]}, token=None)
    assert status == 429 and int(headers["Retry-After"]) >= 1, body
