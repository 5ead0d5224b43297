#!/usr/bin/env python3
"""Memory and time of one oversized request (issue 21, finding 6): a 9 MB body
whose one block config has 1,000,000 keys, sent to POST /api/pipelines and to
POST /api/pipelines/validate. Prints, for each, the status, the answer's size,
the wall time, and the server's RSS before, at its peak (VmHWM) and a second
after, from /proc/<pid>/status.

Usage: bench/big_body.py [--binary build/weft] [--keys 1000000] [--runs 3]
                         [--shape config|top|both]
Each run starts a fresh server on a temporary data directory, so VmHWM is
the peak of that run alone.
"""
import argparse
import json
import os
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} for {pid}")


def reset_peak(pid):
    """Starts VmHWM afresh (Linux >= 4.0): signing up hashes a password with
    64 MiB of Argon2id memory, a peak that is not this request's."""
    with open(f"/proc/{pid}/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def request(url, path, body, token=None, timeout=600):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url + path, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def start(binary, data):
    process = subprocess.Popen(
        [binary, "serve", "--host", "127.0.0.1", "--port", "0", "--data", data,
         "--examples", "/nonexistent"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in process.stderr:
        if '"message":"serving"' in line:
            return process, json.loads(line)["url"]
    raise RuntimeError("the server did not start")


def base36(n):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = digits[n % 36]
    while n >= 36:
        n //= 36
        out = digits[n % 36] + out
    return out


def big_body(keys, shape="config"):
    """The probe's body: about 9 MB, keys of up to four characters, either in
    one block's config or at the top of the document (where each is an
    unknown key: the probe's 1,000,002 problems)."""
    members = ",".join(f'"{base36(i)}":0' for i in range(keys))
    if shape == "top":
        return ("{" + members + "}").encode()
    doc = '{"nodes": [{"id": "t", "type": "template", "config": {' + members + '}}], "edges": []}'
    return doc.encode()


def one_run(binary, path, body):
    with tempfile.TemporaryDirectory() as data:
        process, url = start(binary, data)
        try:
            status, answer = request(url, "/api/auth/setup", json.dumps(
                {"email": "bench@example.com", "password": "bench-password-123"}).encode())
            token = json.loads(answer)["access_token"]
            time.sleep(0.2)
            reset_peak(process.pid)
            before = status_kb(process.pid, "VmRSS")
            started = time.monotonic()
            status, answer = request(url, path, body, token)
            elapsed = time.monotonic() - started
            peak = status_kb(process.pid, "VmHWM")
            time.sleep(1)
            after = status_kb(process.pid, "VmRSS")
            return {"path": path, "status": status, "answer_bytes": len(answer),
                    "seconds": round(elapsed, 3), "rss_before_mb": round(before / 1024, 1),
                    "peak_mb": round(peak / 1024, 1), "rss_after_mb": round(after / 1024, 1)}
        finally:
            process.terminate()
            process.wait(30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(ROOT / "build" / "weft"))
    parser.add_argument("--keys", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shape", choices=["config", "top", "both"], default="both")
    args = parser.parse_args()
    for shape in ["config", "top"] if args.shape == "both" else [args.shape]:
        body = big_body(args.keys, shape)
        print(f"body: {len(body) / 1e6:.1f} MB, {args.keys} keys ({shape}); binary {args.binary}")
        for path in ["/api/pipelines", "/api/pipelines/validate"]:
            for _ in range(args.runs):
                result = one_run(os.path.abspath(args.binary), path, body)
                print(json.dumps({"shape": shape, **result}), flush=True)


if __name__ == "__main__":
    main()
