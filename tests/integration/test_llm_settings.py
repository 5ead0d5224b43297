"""LLM provider settings over HTTP: an OpenAI-compatible server added by a
server admin (its key from a credential) is listed without the key, its models
come live from its /v1/models, and it survives a restart; a workspace's own
provider on loopback needs the operator's permission (WEFT_ALLOW_NETWORKS)."""
import http.server
import json
import threading

from conftest import Server

SEEN = []


class FakeOpenAI(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        SEEN.append((self.path, self.headers.get("Authorization")))
        if self.headers.get("Authorization") != "Bearer sk-settings-test":
            self.reply(401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error",
                                       "code": "invalid_api_key"}})
            return
        self.reply(200, {"object": "list", "data": [{"id": "qwen2.5-7b", "object": "model", "owned_by": "me"}]})

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_a_provider_from_the_settings_lists_its_models_and_keeps_its_key_secret(data_dir):
    peer = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenAI)
    threading.Thread(target=peer.serve_forever, daemon=True).start()
    server = Server(data_dir).start()
    try:
        status, cred, _ = server.post("/api/credentials", {"name": "local llm", "kind": "bearer",
                                                          "data": {"token": "sk-settings-test"}})
        assert status == 201
        settings = {"items": [{"name": "local", "kind": "openai",
                               "base_url": f"http://127.0.0.1:{peer.server_port}/v1", "credential": cred["id"]}]}
        # A workspace's provider may not reach loopback unless the operator allows it.
        status, body, _ = server.put("/api/settings/providers", settings)
        assert status in (400, 422) and body["error"]["details"][0]["pointer"] == "/items/0/base_url", body
        status, body, _ = server.put("/api/server/providers", settings)
        assert status == 200, body
        local = next(p for p in body["items"] if p["name"] == "local")
        assert local["has_api_key"] and local["source"] == "settings"
        assert "sk-settings-test" not in json.dumps(body)
        assert any(p["name"] == "ollama" and p["source"] == "environment" for p in body["items"])
        # Members see the server's providers by name and kind only.
        status, body, _ = server.get("/api/settings/providers")
        assert {"name": "local", "kind": "openai", "source": "server"} in body["items"], body

        status, models, _ = server.get("/api/settings/providers/local/models")
        assert status == 200, models
        assert [m["id"] for m in models["items"]] == ["qwen2.5-7b"]
        assert SEEN[-1] == ("/v1/models", "Bearer sk-settings-test")

        status, body, _ = server.put("/api/server/providers", {"items": [{"name": "bad name!", "kind": "openai",
                                                                         "base_url": "http://x"}]})
        assert status == 400 and body["error"]["details"][0]["pointer"] == "/items/0/name"
        # A port no connection could use is refused when saved, not when the models are asked for.
        for url in ("https://llm.example:66850/v1", "https://llm.example:0/v1"):
            status, body, _ = server.put("/api/settings/providers", {"items": [
                {"name": "far", "kind": "openai", "base_url": url}]})
            assert status == 400 and "port outside 1-65535" in body["error"]["message"], body
        assert server.get("/api/settings/providers/nope/models")[0] == 404
    finally:
        server.stop()
    again = Server(data_dir).start()  # the settings are stored; the key is opened from the vault again
    try:
        status, models, _ = again.get("/api/settings/providers/local/models")
        assert status == 200 and models["items"][0]["id"] == "qwen2.5-7b"
    finally:
        again.stop()
        peer.shutdown()


def test_an_unreachable_ollama_says_so(server):
    status, body, _ = server.put("/api/settings/providers", {"items": [
        {"name": "ollama", "kind": "ollama", "base_url": "http://127.0.0.1:9"}]})
    assert status == 200
    status, body, _ = server.get("/api/settings/providers/ollama/models")
    assert status >= 400 and "is Ollama running" in body["error"]["message"]


def test_a_workspace_provider_on_an_allowed_network_uses_the_workspace_credential(server):
    peer = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenAI)
    threading.Thread(target=peer.serve_forever, daemon=True).start()
    try:
        status, cred, _ = server.post("/api/credentials", {"name": "llm key", "kind": "bearer",
                                                          "data": {"token": "sk-settings-test"}})
        assert status == 201
        status, body, _ = server.put("/api/settings/providers", {"items": [
            {"name": "mine", "kind": "openai", "base_url": f"http://127.0.0.1:{peer.server_port}/v1",
             "credential": cred["id"]}]})
        assert status == 200, body
        mine = next(p for p in body["items"] if p["name"] == "mine")
        assert mine["source"] == "workspace" and mine["has_api_key"]
        status, models, _ = server.get("/api/settings/providers/mine/models")
        assert status == 200 and models["items"][0]["id"] == "qwen2.5-7b"
        # A changed key is used at once: the provider opens it again.
        status, _, _ = server.request("PATCH", f"/api/credentials/{cred['id']}", {"data": {"token": "sk-wrong"}})
        assert status == 200
        status, body, _ = server.get("/api/settings/providers/mine/models")
        assert status == 502 and "sk-wrong" not in json.dumps(body), body
    finally:
        peer.shutdown()
