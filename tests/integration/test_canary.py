"""A credential's value is found nowhere it should not be: not in any API
answer, WebSocket event, export, execution record, log line or database
column — even when the remote side echoes it back."""
import asyncio
import http.server
import json
import threading

import websockets

CANARY = "CANARY-7f3a9e-do-not-leak"


class EchoHeaders(http.server.BaseHTTPRequestHandler):
    seen = []

    def do_GET(self):
        EchoHeaders.seen.append(dict(self.headers))
        body = json.dumps({"you_sent": dict(self.headers)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_credential_value_never_leaves_the_vault(server, data_dir):
    peer = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EchoHeaders)
    threading.Thread(target=peer.serve_forever, daemon=True).start()
    try:
        status, cred, _ = server.post("/api/credentials", {"name": "echo", "kind": "bearer", "data": {"token": CANARY}})
        assert status == 201
        _, basic, _ = server.post("/api/credentials", {"name": "basic", "kind": "basic",
                                                                 "data": {"username": "me", "password": CANARY + "-pw"}})
        pipeline = {
            "id": "leaky", "nodes": [
                {"id": "call", "type": "http_request",
                 "config": {"url": f"http://127.0.0.1:{peer.server_port}/echo", "credential": cred["id"]}},
                {"id": "call2", "type": "http_request",
                 "config": {"url": f"http://127.0.0.1:{peer.server_port}/echo2", "credential": basic["id"]}},
                {"id": "say", "type": "template", "config": {"template": "{{ call.body.you_sent }}"}}],
            "edges": [{"source": "call", "target": "say"}, {"source": "call2", "target": "say"}]}
        assert server.post("/api/pipelines", pipeline)[0] == 201
        status, run, _ = server.post("/api/pipelines/leaky/run", {})
        assert status == 200 and run["status"] == "succeeded", run
        assert any(h.get("Authorization") == f"Bearer {CANARY}" for h in EchoHeaders.seen), "the credential was used"

        answers = [run, server.get(f"/api/executions/{run['execution_id']}")[1], server.get("/api/executions")[1],
                   server.get("/api/pipelines/leaky")[1], server.get("/api/pipelines/leaky/versions/1")[1],
                   server.get("/api/credentials")[1], server.get(f"/api/credentials/{cred['id']}")[1],
                   server.get("/api/audit")[1]]
        for answer in answers:
            assert CANARY not in json.dumps(answer)
        assert "[redacted]" in json.dumps(answers[1]), "the echoed header is scrubbed, not dropped silently"

        async def events():
            async with websockets.connect(f"ws://127.0.0.1:{server.port}/api/ws",
                                          subprotocols=["weft", f"weft.bearer.{server.token}"]) as ws:
                await ws.send(json.dumps({"op": "subscribe", "execution_id": run["execution_id"]}))
                got = []
                while not got or json.loads(got[-1]).get("type") != "run.finished":
                    got.append(await asyncio.wait_for(ws.recv(), 5))
                return got
        frames = asyncio.run(events())
        assert len(frames) > 5 and all(CANARY not in frame for frame in frames)
    finally:
        peer.shutdown()
    server.stop()
    assert all(CANARY not in line for line in server.log_lines)
    for file in data_dir.iterdir():
        if file.is_file():
            assert CANARY.encode() not in file.read_bytes(), f"{file.name} holds the value in plain text"
