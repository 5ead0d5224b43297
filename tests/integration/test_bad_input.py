"""Bad input over HTTP gets the right 4xx, fast; never a 500; the server stays up."""
import socket
import time


def raw_exchange(server, payload, timeout=5.0):
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        sock.sendall(payload)
        data = b""
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
                if b"\r\n\r\n" in data and b"Content-Length: " in data:
                    head, _, body = data.partition(b"\r\n\r\n")
                    length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
                    if len(body) >= length:
                        break
        except socket.timeout:
            pass
        return data


def status_of(response):
    return int(response.split(b" ", 2)[1]) if response else None


def test_malformed_json_is_400_naming_the_position(server):
    status, body, _ = server.post("/api/pipelines", raw=b'{"nodes": [,]}')
    assert status == 400 and body["error"]["code"] == "invalid_json"
    assert "line 1" in body["error"]["message"]


def test_wrong_types_are_400_or_422(server):
    status, body, _ = server.post("/api/pipelines", raw=b'[1, 2]')
    assert status == 400 and "JSON object" in body["error"]["message"]
    status, body, _ = server.put("/api/pipelines/ticket-triage", {"version": "one", "nodes": [], "edges": []})
    assert status == 400
    status, body, _ = server.post("/api/pipelines/language-switch/run", {"lang": ["fr"]})
    assert status == 422
    status, body, _ = server.post("/api/pipelines/ticket-triage/run?wait=maybe", {"text": "x"})
    assert status == 400 and "true or false" in body["error"]["message"]


def test_a_20_mb_body_is_refused_quickly(server):
    started = time.monotonic()
    head = (f"POST /api/pipelines HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {20 * 1024 * 1024}\r\n\r\n").encode()
    response = raw_exchange(server, head + b"{" + b" " * 1024)
    assert status_of(response) == 413
    assert time.monotonic() - started < 2
    assert server.get("/healthz")[0] == 200


def test_10000_deep_json_is_refused(server):
    status, body, _ = server.post("/api/pipelines", raw=b"[" * 10000 + b"]" * 10000)
    assert status in (400, 413) and body["error"]["code"] in ("invalid_json", "limit_exceeded")
    assert "deep" in body["error"]["message"] or "nesting" in body["error"]["message"]


def test_a_client_sending_one_byte_a_second_is_cut_off(server):
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    started = time.monotonic()
    request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    closed_after = None
    try:
        for byte in request:
            sock.sendall(bytes([byte]))
            # Others are served meanwhile.
            assert server.get("/healthz")[0] == 200
            time.sleep(1)
            if time.monotonic() - started > 25:
                break
    except (BrokenPipeError, ConnectionResetError):
        closed_after = time.monotonic() - started
    if closed_after is None:
        data = sock.recv(4096)
        closed_after = time.monotonic() - started
        assert data == b"" or status_of(data) == 408
    sock.close()
    assert closed_after < 15, "the slow client must be dropped within the read timeout"


def test_unknown_routes_and_methods(server):
    status, body, _ = server.get("/api/nothing-here")
    assert status == 404 and body["error"]["code"] == "not_found"
    status, body, headers = server.request("PATCH", "/api/pipelines")
    assert status == 405 and "GET" in headers["Allow"]
    response = raw_exchange(server, b"BLAH\r\n\r\n")
    assert status_of(response) == 400
    assert server.get("/healthz")[0] == 200


def test_no_500_on_a_burst_of_garbage(server):
    samples = [b"{", b"null", b"\"str\"", b"{\"nodes\": 5, \"edges\": {}}", b"\xff\xfe",
               b"{\"nodes\": [{\"id\": null}], \"edges\": [null]}", b"{\"variables\": []}"]
    for sample in samples:
        for path in ["/api/pipelines", "/api/pipelines/validate", "/api/pipelines/ticket-triage/run"]:
            status, _, _ = server.post(path, raw=sample)
            assert 200 <= status < 500, (path, sample, status)
    assert server.get("/healthz")[0] == 200
