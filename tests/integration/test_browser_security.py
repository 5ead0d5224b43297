"""What a browser gets from the server (docs/security.md, "The browser"): the
editor's Content-Security-Policy and the headers on every answer, the refresh
token in an HttpOnly cookie that only the auth routes see and other origins
cannot use, and a WebSocket that refuses pages of other origins."""
import base64
import os
import re
import socket

import pytest

from conftest import OWNER, Server

EVIL = "http://evil.example"


@pytest.fixture
def web_server(tmp_path):
    web = tmp_path / "dist"
    (web / "assets").mkdir(parents=True)
    (web / "index.html").write_text('<!doctype html><script type="module" src="/assets/app-1.js"></script>')
    (web / "assets" / "app-1.js").write_text("console.log('hi')")
    server = Server(tmp_path / "data")
    server.extra_args = ["--web", str(web)]
    yield server.start()
    server.stop()


def directives(policy):
    """{"default-src": "'self'", …} from a Content-Security-Policy value."""
    out = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            out[name] = value.strip()
    return out


def own_origin(server):
    return f"http://127.0.0.1:{server.port}"


def refresh_cookie(headers):
    """The weft_refresh Set-Cookie of an answer, as (value, {attribute: value}), or None."""
    for line in headers.get_all("Set-Cookie") or []:
        if line.startswith("weft_refresh="):
            first, *rest = [part.strip() for part in line.split(";")]
            attributes = {}
            for part in rest:
                key, _, value = part.partition("=")
                attributes[key.lower()] = value
            return first.split("=", 1)[1], attributes
    return None


def login(server, headers=None):
    return server.post("/api/auth/login", {"email": OWNER["email"], "password": OWNER["password"]},
                       token=None, headers=headers)


# --- headers -------------------------------------------------------------------------------


def test_the_editor_page_carries_a_strict_policy(web_server):
    for path in ["/", "/pipelines/x", "/api-keys"]:
        status, body, headers = web_server.get(path, token=None)
        assert status == 200 and "<script" in body, path
        policy = directives(headers["Content-Security-Policy"])
        assert policy["default-src"] == "'self'"
        assert policy["script-src"] == "'self' 'report-sample'"  # no 'unsafe-inline', no 'unsafe-eval'
        assert policy["connect-src"] == "'self'"
        assert policy["object-src"] == "'none'"
        assert policy["base-uri"] == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        assert "unsafe" not in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("method,path,token,status", [
    ("GET", "/api/pipelines", ..., 200),
    ("GET", "/api/pipelines", None, 401),
    ("GET", "/api/nothing-here", ..., 404),
    ("POST", "/api/auth/logout", None, 401),
    ("GET", "/healthz", None, 200),
    ("GET", "/api/openapi.json", None, 200),
    ("GET", "/assets/app-1.js", None, 200),
    ("GET", "/assets/gone-1.js", None, 404),
    ("GET", "/", None, 200),
])
def test_every_answer_forbids_sniffing_framing_and_referrers(web_server, method, path, token, status):
    got, _, headers = web_server.request(method, path, token=token)
    assert got == status
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    policy = directives(headers["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "'none'"
    if not headers["Content-Type"].startswith("text/html"):
        assert policy["default-src"] == "'none'"  # opened as a page, an answer loads nothing


def test_a_page_of_the_editor_whose_path_starts_with_api_is_the_editor(web_server):
    for path in ["/api-keys", "/apis", "/api-keys/x"]:
        status, body, headers = web_server.get(path, token=None)
        assert status == 200 and headers["Content-Type"].startswith("text/html"), path
    for path in ["/api", "/api/", "/api/pipelines", "/API/pipelines"]:
        assert web_server.get(path, token=None)[0] == 401, path


# --- the refresh cookie --------------------------------------------------------------------


def test_login_sets_an_httponly_strict_cookie_for_the_auth_routes_only(server):
    status, session, headers = login(server)
    assert status == 200
    value, attributes = refresh_cookie(headers)
    # An API client still gets the token in the body, the same one.
    assert value == session["refresh_token"]
    assert attributes["path"] == "/api/auth"
    assert "httponly" in attributes
    assert attributes["samesite"] == "Strict"
    assert 29 * 86400 < int(attributes["max-age"]) <= 30 * 86400
    assert "secure" not in attributes  # plain HTTP on loopback: a Secure cookie would be dropped
    assert headers["Cache-Control"] == "no-store"


def test_the_cookie_is_secure_behind_a_proxy_that_speaks_tls(server):
    _, _, headers = login(server, {"X-Forwarded-Proto": "https"})
    assert "secure" in refresh_cookie(headers)[1]
    _, _, headers = login(server, {"X-Forwarded-Proto": "http"})
    assert "secure" not in refresh_cookie(headers)[1]


def test_the_editor_refreshes_and_logs_out_with_the_cookie_and_never_sees_the_token(server):
    cookie_mode = {"X-Weft-Refresh": "cookie", "Origin": own_origin(server)}
    status, session, headers = login(server, cookie_mode)
    assert status == 200 and "refresh_token" not in session and session["access_token"]
    first, _ = refresh_cookie(headers)

    status, renewed, headers = server.post("/api/auth/refresh", raw=b"", token=None,
                                           headers={**cookie_mode, "Cookie": f"weft_refresh={first}"})
    assert status == 200 and "refresh_token" not in renewed
    second, _ = refresh_cookie(headers)
    assert second != first
    # Presented by cookie, the answer never carries the token, opt-in header or not.
    status, renewed, headers = server.post("/api/auth/refresh", {}, token=None,
                                           headers={"Cookie": f"weft_refresh={second}"})
    assert status == 200 and "refresh_token" not in renewed
    third, _ = refresh_cookie(headers)

    status, _, headers = server.post("/api/auth/logout", raw=b"", token=None,
                                     headers={**cookie_mode, "Cookie": f"weft_refresh={third}"})
    assert status == 204
    value, attributes = refresh_cookie(headers)
    assert value == "" and attributes["max-age"] == "0" and attributes["path"] == "/api/auth"
    # The login is over: the cookie it had is refused, and removed.
    status, _, headers = server.post("/api/auth/refresh", {}, token=None,
                                     headers={"Cookie": f"weft_refresh={third}"})
    assert status == 401 and refresh_cookie(headers)[1]["max-age"] == "0"


def test_a_token_in_the_body_comes_back_in_the_body_and_wins_over_the_cookie(server):
    _, other, headers = login(server)
    _, session, _ = login(server)
    status, renewed, headers = server.post(
        "/api/auth/refresh", {"refresh_token": session["refresh_token"]}, token=None,
        headers={"X-Weft-Refresh": "cookie", "Cookie": f"weft_refresh={other['refresh_token']}"})
    assert status == 200 and renewed["refresh_token"] == refresh_cookie(headers)[0]
    # The cookie's login was not touched.
    assert server.post("/api/auth/refresh", {"refresh_token": other["refresh_token"]}, token=None)[0] == 200


def test_no_token_anywhere_is_a_401_saying_where_one_goes(server):
    # Like an unknown session: the body's token is optional (the cookie may carry it).
    for path in ["/api/auth/refresh", "/api/auth/logout"]:
        status, body, _ = server.post(path, {}, token=None)
        assert status == 401, path
        assert "refresh_token" in body["error"]["message"] and "weft_refresh" in body["error"]["message"]


@pytest.mark.parametrize("body,pointer", [
    ({"refresh_token": 5}, "/refresh_token"),
    ({"refresh_token": "x", "workspace": 5}, "/workspace"),
    ({"refresh_token": "x", "workspace": ["w"]}, "/workspace"),
])
def test_refresh_and_logout_read_the_body_the_same_way(server, body, pointer):
    for path in ["/api/auth/refresh", "/api/auth/logout"]:
        status, answer, _ = server.post(path, body, token=None)
        assert status == 400, (path, body)
        assert answer["error"]["details"][0]["pointer"] == pointer


@pytest.mark.parametrize("path", ["/api/auth/login", "/api/auth/refresh", "/api/auth/logout",
                                  "/api/auth/setup", "/api/auth/register",
                                  "/api/auth/invites/x/accept"])
def test_a_page_of_another_origin_cannot_use_set_or_clear_the_cookie(server, path):
    _, session, _ = login(server)
    cookie = f"weft_refresh={session['refresh_token']}"
    for origin in [EVIL, "null", f"http://127.0.0.1:{server.port + 1}", f"https://127.0.0.1:{server.port}x"]:
        body = {"email": OWNER["email"], "password": OWNER["password"], "name": "x"}
        status, answer, headers = server.post(path, body, token=None,
                                              headers={"Origin": origin, "Cookie": cookie})
        assert status == 403, (path, origin)
        assert "another origin" in answer["error"]["message"]
        assert refresh_cookie(headers) is None
    # The login the cookie holds is untouched.
    assert server.post("/api/auth/refresh", {"refresh_token": session["refresh_token"]}, token=None)[0] == 200


def test_the_own_origin_and_clients_without_one_may_sign_in(server):
    assert login(server, {"Origin": own_origin(server)})[0] == 200
    assert login(server, {"Origin": f"HTTP://127.0.0.1:{server.port}"})[0] == 200
    assert login(server)[0] == 200


# --- the WebSocket -------------------------------------------------------------------------


def upgrade(server, origin):
    """The status line of a WebSocket upgrade to /api/ws with the owner's token."""
    lines = [
        "GET /api/ws HTTP/1.1",
        f"Host: 127.0.0.1:{server.port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: " + base64.b64encode(os.urandom(16)).decode(),
        f"Sec-WebSocket-Protocol: weft, weft.bearer.{server.token}",
    ]
    if origin is not None:
        lines.append(f"Origin: {origin}")
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    return int(re.match(rb"HTTP/1.1 (\d+)", answer).group(1))


def test_the_websocket_refuses_pages_of_other_origins(server):
    assert upgrade(server, None) == 101  # not a browser
    assert upgrade(server, own_origin(server)) == 101
    for origin in [EVIL, "null", f"http://127.0.0.1:{server.port + 1}", f"http://localhost:{server.port}"]:
        assert upgrade(server, origin) == 403, origin
