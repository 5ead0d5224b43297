"""Files in and out of runs (issue 12): uploads are stored under their digest in
data/files whatever they are called, refused past their limits, downloaded
byte-exact and only from their own workspace; a run input can never make the
server read a file of its own (n8n CVE-2026-21858)."""
import json
import os
import uuid

from conftest import Server

BEA = {"email": "bea@example.com", "password": "another long password", "name": "Bea"}
UPLOAD = {"id": "upload", "name": "Upload", "nodes": [
    {"id": "doc", "type": "input_file", "config": {"accept": [".csv", ".pdf", "text/plain"],
                                                   "max_bytes": 1000}},
    {"id": "out", "type": "output_text", "config": {"text": "{{ doc.file.name }} {{ doc.file.size }}"}}],
    "edges": [{"source": "doc", "target": "out"}]}
CSV = {"id": "csv", "name": "CSV", "nodes": [
    {"id": "rows", "type": "input_json", "config": {"name": "rows"}},
    {"id": "report", "type": "output_file", "config": {"format": "csv", "file_name": "report.csv"}}],
    "edges": [{"source": "rows", "target": "report"}]}


def multipart(parts, boundary=None):
    """parts: (field, filename or None, content type or None, bytes)."""
    boundary = boundary or uuid.uuid4().hex
    body = b""
    for field, filename, mime, data in parts:
        disposition = f'form-data; name="{field}"'.encode()
        if filename is not None:
            disposition += b'; filename="' + filename + b'"'
        body += b"--" + boundary.encode() + b"\r\nContent-Disposition: " + disposition + b"\r\n"
        if mime:
            body += b"Content-Type: " + mime.encode() + b"\r\n"
        body += b"\r\n" + data + b"\r\n"
    body += b"--" + boundary.encode() + b"--\r\n"
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def upload(server, parts, path="/api/files", **kw):
    body, headers = multipart(parts)
    return server.request("POST", path, raw=body, headers=headers, **kw)


def files_outside_store(data_dir):
    """Every file under the data directory that is neither the database nor in files/."""
    found = []
    for root, _, names in os.walk(data_dir):
        for name in names:
            rel = os.path.relpath(os.path.join(root, name), data_dir)
            if not rel.startswith("files" + os.sep) and not rel.startswith("weft.db") \
                    and rel not in ("secret.key", "master.key", "weft.lock", "serve.lock"):
                found.append(rel)
    return found


def test_hostile_names_are_neutralised_and_stored_under_their_digest(server, data_dir):
    status, body, _ = upload(server, [
        ("a", b"../x.pdf", "application/pdf", b"%PDF-1"),
        ("b", b"nul\x00name\x01.csv", "text/csv", b"x,y"),
        ("c", b"n" * 300, "text/plain", b"long"),
        ("d", b"empty.txt", "text/plain", b""),
    ])
    assert status == 201, body
    names = [f["name"] for f in body["files"]]
    assert names == ["x.pdf", "nulname.csv", "n" * 255, "empty.txt"]
    assert [f["size"] for f in body["files"]] == [6, 3, 4, 0]
    assert not (data_dir / "x.pdf").exists() and not (data_dir.parent / "x.pdf").exists()
    on_disk = sorted(os.path.relpath(os.path.join(r, n), data_dir / "files")
                     for r, _, ns in os.walk(data_dir / "files") for n in ns)
    assert on_disk == sorted(f"{f['sha256'][:2]}/{f['sha256'][2:]}" for f in body["files"])
    assert files_outside_store(data_dir) == [], files_outside_store(data_dir)
    # The 0-byte file downloads as such.
    status, data, headers = server.get(f"/api/files/{body['files'][3]['id']}")
    assert status == 200 and data == ""
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Disposition"].startswith("attachment;")


def test_a_run_takes_files_as_multipart_and_refuses_the_wrong_ones(server):
    assert server.post("/api/pipelines", UPLOAD)[0] == 201
    body, headers = multipart([("doc", b"../../q.csv", "text/csv", b"a,b\r\n1,2\r\n")])
    status, run, _ = server.request("POST", "/api/pipelines/upload/run?wait=true", raw=body,
                                    headers=headers)
    assert status == 200, run
    assert run["status"] == "succeeded" and run["outputs"]["out"] == "q.csv 10", run
    # A type outside the allowed list: the run fails naming it.
    body, headers = multipart([("doc", b"evil.exe", "application/x-msdownload", b"MZ")])
    status, run, _ = server.request("POST", "/api/pipelines/upload/run?wait=true", raw=body,
                                    headers=headers)
    assert run["status"] == "failed" and "not a type this input accepts" in run["error"]["message"]
    # More file parts than a run takes: 413 before any run.
    body, headers = multipart([("doc", f"{i}.csv".encode(), "text/csv", b"x") for i in range(21)])
    status, answer, _ = server.request("POST", "/api/pipelines/upload/run", raw=body, headers=headers)
    assert status == 413 and "more than 20 files" in answer["error"]["message"]
    # A kind of body the route does not take.
    status, answer, _ = server.request("POST", "/api/pipelines/upload/run", raw=b"<x/>",
                                       headers={"Content-Type": "application/xml"})
    assert status == 415, answer


def test_a_json_body_naming_a_server_file_reads_nothing(server):
    """CVE-2026-21858: the body claims to be a file at a server path."""
    assert server.post("/api/pipelines", UPLOAD)[0] == 201
    for doc in ({"id": "file_aaaaaaaaaaaaaaaaaaaa", "path": "/etc/passwd", "name": "passwd"},
                {"path": "/etc/passwd"}, "/etc/passwd",
                {"id": "file_aaaaaaaaaaaaaaaaaaaa", "name": "passwd", "mime": "text/plain"}):
        status, run, _ = server.post("/api/pipelines/upload/run?wait=true", {"doc": doc})
        text = json.dumps(run)
        assert "root:" not in text
        assert status == 422 or run["status"] == "failed", run


def test_a_csv_from_output_file_downloads_byte_exact(server):
    assert server.post("/api/pipelines", CSV)[0] == 201
    rows = [{"name": "Ann", "note": 'says "hi", twice'}, {"name": "Bo", "age": 3}]
    status, run, _ = server.post("/api/pipelines/csv/run?wait=true", {"rows": rows})
    assert status == 200 and run["status"] == "succeeded", run
    file = run["outputs"]["report"]
    assert file["name"] == "report.csv" and file["mime"] == "text/csv"
    req_status, data, headers = server.request("GET", f"/api/files/{file['id']}")
    assert req_status == 200
    assert headers["Content-Type"] == "text/csv"
    assert "filename*=UTF-8''report.csv" in headers["Content-Disposition"]
    expected = 'name,note,age\r\nAnn,"says ""hi"", twice",\r\nBo,,3\r\n'
    assert data == expected
    assert file["size"] == len(expected.encode())


def test_another_workspaces_file_is_not_found(data_dir):
    server = Server(data_dir).start()
    try:
        assert server.put("/api/server/settings", {"allow_signup": True})[0] == 200
        status, session, _ = server.post("/api/auth/register", BEA, token=None)
        assert status == 201, session
        bea = session["access_token"]
        status, body, _ = upload(server, [("a", b"secret.txt", "text/plain", b"owner's secret")])
        assert status == 201
        file_id = body["files"][0]["id"]
        status, answer, _ = server.get(f"/api/files/{file_id}", token=bea)
        assert status == 404, answer
        # Nor can she run her own pipeline with the owner's file.
        assert server.post("/api/pipelines", UPLOAD, token=bea)[0] == 201
        status, run, _ = server.post("/api/pipelines/upload/run?wait=true",
                                     {"doc": {"id": file_id}}, token=bea)
        assert run["status"] == "failed" and "owner's secret" not in json.dumps(run)
    finally:
        server.stop()
