#!/usr/bin/env python3
"""One `gongwen serve` instance under load, on loopback: the speech rendered to PDF
(`POST /api/render?format=pdf`) by 1, 2, 8 and 32 clients at once, each sending its next request
as soon as the last is answered, for a fixed time per level. Prints requests per second, p50 and
p99 latency, failures, and the server's resident memory (now and peak). Bounded: loopback only,
SECONDS per level (10 unless told). Usage: bench/load.py [SECONDS]  (build first)"""
import http.client
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "gongwen"
SPEECH = (ROOT / "examples" / "speech.yaml").read_bytes()
SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory(pid):
    """Resident and peak resident memory of the server, in MiB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    kib = lambda key: int(fields[key].split()[0])
    return kib("VmRSS") / 1024, kib("VmHWM") / 1024


def client(port, until, latencies, failures):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    while time.perf_counter() < until:
        started = time.perf_counter()
        try:
            connection.request("POST", "/api/render?format=pdf", SPEECH, {"Content-Type": "application/yaml"})
            response = connection.getresponse()
            body = response.read()
            if response.status == 200 and body.startswith(b"%PDF-"):
                latencies.append(time.perf_counter() - started)
            else:
                failures.append(response.status)
        except OSError as e:
            failures.append(str(e))
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)


def main():
    port = free_port()
    server = subprocess.Popen([BIN, "serve", "--addr", f"127.0.0.1:{port}", "--no-system-fonts"],
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        print(f"{'clients':>7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'failed':>6} {'RSS MiB':>8} {'peak MiB':>8}")
        for clients in (1, 2, 8, 32):
            latencies, failures = [], []
            until = time.perf_counter() + SECONDS
            started = time.perf_counter()
            threads = [threading.Thread(target=client, args=(port, until, latencies, failures))
                       for _ in range(clients)]
            for t in threads:
                t.start()
            rss_during = 0.0
            while any(t.is_alive() for t in threads):
                rss_during = max(rss_during, memory(server.pid)[0])
                time.sleep(0.1)
            elapsed = time.perf_counter() - started
            latencies.sort()
            p50 = statistics.median(latencies) * 1000
            p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
            peak = memory(server.pid)[1]
            print(f"{clients:>7} {len(latencies) / elapsed:>7.1f} {p50:>7.0f} {p99:>7.0f} {len(failures):>6} {rss_during:>8.1f} {peak:>8.1f}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
