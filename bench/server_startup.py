# Time from starting `weft serve` on a new data directory (migrations, examples
# loaded) to its first /healthz answer. Run from the repository root:
# python3 bench/server_startup.py
import subprocess, time, urllib.request, tempfile, statistics
times = []
for i in range(20):
    d = tempfile.mkdtemp()
    port = 18800 + i
    t0 = time.monotonic()
    p = subprocess.Popen(["build/weft", "serve", "--port", str(port), "--data", d, "--examples", "examples"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
            break
        except Exception:
            time.sleep(0.001)
    times.append((time.monotonic() - t0) * 1000)
    p.terminate(); p.wait()
print("new data dir, start to first /healthz answer: median %.1f ms, max %.1f ms" % (statistics.median(times), max(times)))
