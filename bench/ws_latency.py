#!/usr/bin/env python3
"""Node-finished to client latency over `GET /api/ws`.

Starts `weft serve`, runs a chain of delay nodes while a WebSocket client
follows the run, and reports how long each `node.finished` event took from
the moment the engine emitted it (the event's `time`, in milliseconds, so
figures are rounded up by up to 1 ms) to its arrival at the client.

Usage: .venv/bin/python bench/ws_latency.py [--runs 10] [--nodes 50]
"""
import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parents[1]
BINARY = os.environ.get("WEFT_BINARY", str(ROOT / "build" / "weft"))


def start_server(data):
    process = subprocess.Popen([BINARY, "serve", "--port", "0", "--data", data],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in process.stderr:
        if '"message":"serving"' in line:
            return process, int(json.loads(line)["url"].rsplit(":", 1)[1])
    raise SystemExit("server did not start")


def post(port, path, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", json.dumps(body).encode(),
                                     {"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as response:
        return json.load(response)


async def follow(port, runs, nodes):
    latencies = []
    async with websockets.connect(f"ws://127.0.0.1:{port}/api/ws") as ws:
        for _ in range(runs):
            execution = post(port, "/api/pipelines/chain/run?wait=false", {})["execution_id"]
            await ws.send(json.dumps({"op": "subscribe", "execution_id": execution, "after": 0}))
            while True:
                message = json.loads(await ws.recv())
                arrived = time.time()
                if message.get("type") == "node.finished" and not message.get("replayed"):
                    sent = datetime.fromisoformat(message["time"].replace("Z", "+00:00")).timestamp()
                    latencies.append((arrived - sent) * 1000)
                if message.get("type") == "run.finished":
                    break
    return latencies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--nodes", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        process, port = start_server(data)
        try:
            chain = {"id": "chain",
                     "nodes": [{"id": f"n{i}", "type": "delay", "config": {"ms": 20}} for i in range(args.nodes)],
                     "edges": [{"source": f"n{i}", "target": f"n{i + 1}"} for i in range(args.nodes - 1)]}
            post(port, "/api/pipelines", chain)
            latencies = asyncio.run(follow(port, args.runs, args.nodes))
        finally:
            process.terminate()
            process.wait()
    latencies.sort()
    print(f"node.finished -> client over WebSocket: {len(latencies)} events, "
          f"median {statistics.median(latencies):.2f} ms, p95 {latencies[int(len(latencies) * 0.95)]:.2f} ms, "
          f"max {latencies[-1]:.2f} ms (event times are whole ms: figures include up to +1 ms of rounding)")


if __name__ == "__main__":
    sys.exit(main())
