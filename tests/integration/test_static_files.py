"""The editor's files: hashed assets cached for a year, index.html for the
app's own routes, and nothing outside the build directory."""
import pytest

from conftest import Server


@pytest.fixture
def web_server(tmp_path):
    web = tmp_path / "dist"
    (web / "assets").mkdir(parents=True)
    (web / "index.html").write_text("<!doctype html><div id=root></div>")
    (web / "assets" / "app-1a2b3c.js").write_text("console.log('hi')")
    (tmp_path / "secret.txt").write_text("do not serve")
    server = Server(tmp_path / "data")
    server.extra_args = ["--web", str(web)]
    yield server.start()
    server.stop()


def test_hashed_assets_are_cached_for_a_year(web_server):
    status, body, headers = web_server.get("/assets/app-1a2b3c.js")
    assert status == 200 and "console.log" in body
    assert headers["Content-Type"].startswith("text/javascript")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_app_routes_get_index_html_which_is_never_cached_stale(web_server):
    for path in ["/", "/pipelines/ticket-triage", "/executions?status=failed"]:
        status, body, headers = web_server.get(path)
        assert status == 200 and "root" in body, path
        assert headers["Content-Type"].startswith("text/html")
        assert headers["Cache-Control"] == "no-cache"


def test_missing_files_and_paths_outside_the_build_are_404(web_server):
    assert web_server.get("/assets/gone-123.js")[0] == 404
    for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"]:
        status, body, _ = web_server.get(path)
        assert "do not serve" not in str(body), path


def test_api_paths_never_fall_back_to_the_app(web_server):
    status, body, _ = web_server.get("/api/nothing-here")
    assert status == 404 and body["error"]["code"] == "not_found"
    assert web_server.post("/some/page")[0] == 404


def test_the_editor_loads_for_a_signed_out_browser(web_server):
    for path in ["/", "/assets/app-1a2b3c.js", "/pipelines/x"]:
        assert web_server.get(path, token=None)[0] == 200, path
    assert web_server.get("/api/pipelines", token=None)[0] == 401
