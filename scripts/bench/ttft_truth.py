#!/usr/bin/env python3
"""Client-added TTFT error of one stored run against the simulator's published schedules.

Usage: ttft_truth.py DB RUN_ID SIMULATOR_BASE_URL

For each measured, successful request of the run: measured TTFT (first_token_ns - sent_ns, one process's clock,
so a cluster's clock shift cancels) minus the simulator's true TTFT (first content chunk write - request arrival,
from GET /tokenclock/schedule/{id}). The simulator must be fresh for this run (its schedule ids 1.. are this run's
requests, warm-up included). Requests carry no per-request key, so each record is paired with the schedule whose
arrival (CLOCK_MONOTONIC) has the same rank as its sent instant (when every request reached the simulator), else
the nearest arrival after the median request-path lag. Sent instants are mapped to CLOCK_MONOTONIC (run start on the
wall clock minus the wall-monotonic offset) to print the request path (arrival - sent) as well; it includes that
mapping's error (a worker's clock-offset estimate). Prints one line of key=value figures.
"""
import bisect
import datetime
import http.client
import json
import sqlite3
import statistics
import sys
import time
import urllib.parse


def pct(sorted_values, p):
    if not sorted_values:
        return float("nan")
    i = max(0, min(len(sorted_values) - 1, -(-len(sorted_values) * p // 100) - 1))
    return sorted_values[int(i)]


def wall_minus_monotonic_ns():
    best = None
    for _ in range(20):
        a = time.monotonic_ns()
        w = time.time_ns()
        b = time.monotonic_ns()
        if best is None or b - a < best[0]:
            best = (b - a, w - (a + b) // 2)
    return best[1]


def schedules(base_url, expected):
    url = urllib.parse.urlparse(base_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    out, misses, i = [], 0, 0
    while misses < 20 and i < expected * 2 + 100:
        i += 1
        conn.request("GET", f"/tokenclock/schedule/{i:x}")
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            misses += 1
            continue
        misses = 0
        s = json.loads(body)
        if s.get("first_token_ms") is None or s.get("timestamp_frequency") != 1_000_000_000:
            continue
        out.append((s["arrival_timestamp"], s["first_token_ms"]))
    conn.close()
    return sorted(out)


def main():
    db, run_id, base_url = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    con = sqlite3.connect(db)
    started = con.execute("select started_utc from runs where id = ?", (run_id,)).fetchone()[0]
    # .NET round-trip format has 7 fractional digits; Python takes 6, so keep the 100 ns digit apart.
    head, frac = started.replace("Z", "+00:00").split(".")
    digits, tz = frac[:7], frac[7:]
    dt = datetime.datetime.fromisoformat(f"{head}{tz}")
    start_wall_ns = int(dt.timestamp()) * 1_000_000_000 + int(digits.ljust(9, "0"))
    start_mono_ns = start_wall_ns - wall_minus_monotonic_ns()
    rows = con.execute(
        "select sent_ns, first_token_ns, phase, error_class from requests where run_id = ? order by sent_ns",
        (run_id,)).fetchall()
    sched = schedules(base_url, len(rows))
    arrivals = [a for a, _ in sched]
    if not arrivals:
        print("no schedules found at", base_url)
        return 1
    sent_mono = [start_mono_ns + r[0] for r in rows]
    errors, path = [], []
    if len(sched) == len(rows):
        # Every request of the run reached the fresh simulator: pair in order (k-th sent <-> k-th arrival), which
        # stays right however much the request path lags, as long as requests arrive in the order they were sent.
        pairs = list(range(len(rows)))
        how = "rank"
    else:
        # Some requests never arrived (or extra ones did): nearest arrival after the median lag, each used once.
        nearest = []
        for s in sent_mono:
            j = bisect.bisect_left(arrivals, s)
            cands = [arrivals[k] for k in (j - 1, j) if 0 <= k < len(arrivals)]
            nearest.append(min(cands, key=lambda a: abs(a - s)) - s)
        lag = statistics.median(nearest)
        used, pairs, how = [False] * len(arrivals), [], "nearest"
        for s in sent_mono:
            target, j = s + lag, bisect.bisect_left(arrivals, s + lag)
            lo, hi = j - 1, j
            while lo >= 0 and used[lo]:
                lo -= 1
            while hi < len(arrivals) and used[hi]:
                hi += 1
            cand = [k for k in (lo, hi) if 0 <= k < len(arrivals)]
            pick = min(cand, key=lambda k: abs(arrivals[k] - target)) if cand else None
            if pick is not None:
                used[pick] = True
            pairs.append(pick)
    unpaired = sum(1 for p in pairs if p is None)
    for (sent, first, phase, err), s, pick in zip(rows, sent_mono, pairs):
        if pick is None:
            continue
        path.append((arrivals[pick] - s) / 1e6)
        if phase != "measured" or err != "none" or first is None:
            continue
        errors.append((first - sent) / 1e6 - sched[pick][1])
    errors.sort()
    path.sort()
    print(f"ttft_error_ms_p50={pct(errors, 50):.3f} ttft_error_ms_p90={pct(errors, 90):.3f} "
          f"ttft_error_ms_p99={pct(errors, 99):.3f} ttft_error_ms_max={errors[-1] if errors else float('nan'):.3f} "
          f"n={len(errors)} schedules={len(sched)} records={len(rows)} unpaired={unpaired} "
          f"pairing={how} request_path_ms_p50={pct(path, 50):.3f} request_path_ms_p99={pct(path, 99):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
