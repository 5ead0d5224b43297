"""The scheduler with 10,000 schedules (issue 12): its idle CPU, and how late
a per-second schedule fires while the run endpoint is under load.

Usage: python3 bench/scheduler_load.py [schedules=10000] [seconds=20]
(WEFT_BINARY picks the build; wrk must be installed). Prints one line per
figure; docs/PERFORMANCE.md has the figures and the machine."""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
from conftest import Server  # noqa: E402

SCHEDULES = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def main():
    server = Server(Path(tempfile.mkdtemp()) / "data").start()
    try:
        pipeline = json.loads((ROOT / "bench/load/five_node.json").read_text())
        assert server.post("/api/pipelines", pipeline)[0] == 201
        # Its own pipeline, so the load's runs do not prune its executions away.
        assert server.post("/api/pipelines", dict(pipeline, id="ticker"))[0] == 201
        started = time.monotonic()
        per_pipeline = 100  # the most one pipeline may have
        for n in range((SCHEDULES + per_pipeline - 1) // per_pipeline):
            assert server.post("/api/pipelines", dict(pipeline, id=f"held-{n}"))[0] == 201
        for i in range(SCHEDULES):
            # Yearly, spread over the day: none comes due while we measure.
            status, body, _ = server.post("/api/triggers", {
                "pipeline_id": f"held-{i // per_pipeline}", "kind": "schedule", "inputs": {"text": "tick"},
                "config": {"cron": f"{i % 60} {i // 60 % 24} 1 1 *", "timezone": "UTC"}})
            assert status == 201, body
        print(f"created {SCHEDULES} schedules in {time.monotonic() - started:.1f} s")
        time.sleep(2)
        before = cpu_seconds(server.process.pid)
        time.sleep(SECONDS)
        idle = (cpu_seconds(server.process.pid) - before) / SECONDS
        print(f"idle CPU with {SCHEDULES} schedules: {idle * 100:.2f} % of a core")

        status, tick, _ = server.post("/api/triggers", {
            "pipeline_id": "ticker", "kind": "schedule", "inputs": {"text": "tick"},
            "config": {"cron": "* * * * * *", "timezone": "UTC"}})
        assert status == 201, tick
        key = server.post("/api/api-keys", {"name": "bench", "scope": "run"})[1]["key"]
        wrk = subprocess.run(
            ["wrk", "-t2", "-c64", f"-d{SECONDS}s", "-s", str(ROOT / "bench/load/run.lua"),
             "-H", f"Authorization: Bearer {key}", f"{server.url}/api/pipelines/five-node/run"],
            capture_output=True, text=True, check=True)
        rate = next(line.split()[1] for line in wrk.stdout.splitlines() if "Requests/sec" in line)
        server.put(f"/api/triggers/{tick['id']}", {"enabled": False})
        late = []
        status, page, _ = server.get(f"/api/executions?trigger_id={tick['id']}&limit=200")
        for execution in page["items"]:
            made = datetime.fromisoformat(execution["created_at"].replace("Z", "+00:00")).timestamp()
            late.append((made - int(made)) * 1000)  # the tick is the whole second before
        late.sort()
        if not late:
            print("no fires!", server.get(f"/api/triggers/{tick['id']}")[1], "\n".join(server.log_lines[-5:]))
            return
        p99 = late[min(len(late) - 1, int(len(late) * 0.99))]
        print(f"per-second schedule under {rate} runs/s of /run: {len(late)} fires, lateness "
              f"p50 {statistics.median(late):.1f} ms, p99 {p99:.1f} ms, max {late[-1]:.1f} ms")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
