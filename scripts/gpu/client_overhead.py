#!/usr/bin/env python3
"""Client-added overhead: TokenClock's client-side TTFT/TPOT against the server's own per-request `timings`.

For each run (cell) in one or more exported request CSVs (export_requests.py), over measured, successful
requests that carry server timings:
  ttft_gap_ms  = client TTFT (first token - sent) - server prompt_ms
                 (an upper bound on what the client adds: it also holds HTTP transfer, the server's request
                 parsing, tokenizing, templating, slot assignment and the first SSE write)
  tpot_rel     = client TPOT / server TPOT - 1, client TPOT = (end - first token) / (n - 1),
                 server TPOT = predicted_ms / (predicted_n - 1)
Prints the median of each with a seeded 95% bootstrap CI, and writes JSON. Only cells where requests do not
queue (sequential, concurrency 1) measure the client's own overhead; the others show server-side waiting.
Usage: client_overhead.py OUT.json CSV [CSV...]
"""
import csv
import json
import random
import statistics
import sys


def boot_median(xs, n=4000, seed=15):
    rng = random.Random(seed)
    meds = sorted(statistics.median(rng.choices(xs, k=len(xs))) for _ in range(n))
    return statistics.median(xs), meds[int(0.025 * n)], meds[int(0.975 * n) - 1]


def f(x):
    return float(x) if x not in ("", None) else None


def main(out, paths):
    cells = {}
    for p in paths:
        for r in csv.DictReader(open(p)):
            if r["phase"] != "measured" or r["error_class"] != "none" or not r["srv_prompt_ms"]:
                continue
            key = p.rsplit("/", 1)[-1].replace("-requests.csv", "") + ":" + r["run_name"]
            sent, first, end = int(r["sent_ns"]), int(r["first_token_ns"]), int(r["end_ns"])
            n = int(r["srv_predicted_n"] or 0)
            c = cells.setdefault(key, {"ttft_client_ms": [], "ttft_gap_ms": [], "tpot_client_ms": [], "tpot_server_ms": [], "tpot_rel": []})
            ttft = (first - sent) / 1e6
            c["ttft_client_ms"].append(ttft)
            c["ttft_gap_ms"].append(ttft - f(r["srv_prompt_ms"]))
            if n > 2:
                tc = (end - first) / 1e6 / (n - 1)
                ts = f(r["srv_predicted_ms"]) / (n - 1)
                c["tpot_client_ms"].append(tc)
                c["tpot_server_ms"].append(ts)
                c["tpot_rel"].append(tc / ts - 1)
    result = {}
    print(f"{'cell':48} {'n':>3} {'TTFT client':>11} {'TTFT-prompt_ms [95% CI]':>26} {'TPOT cl/srv':>13} {'TPOT rel % [95% CI]':>24}")
    for key, c in cells.items():
        if len(c["ttft_gap_ms"]) < 3:
            continue
        g = boot_median(c["ttft_gap_ms"])
        t = boot_median(c["tpot_rel"]) if len(c["tpot_rel"]) >= 3 else (float("nan"),) * 3
        res = {"n": len(c["ttft_gap_ms"]), "ttft_client_ms_median": statistics.median(c["ttft_client_ms"]),
               "ttft_gap_ms": {"median": g[0], "ci95": [g[1], g[2]]},
               "tpot_client_ms_median": statistics.median(c["tpot_client_ms"]) if c["tpot_client_ms"] else None,
               "tpot_server_ms_median": statistics.median(c["tpot_server_ms"]) if c["tpot_server_ms"] else None,
               "tpot_rel_pct": {"median": t[0] * 100, "ci95": [t[1] * 100, t[2] * 100]}}
        result[key] = res
        print(f"{key:48} {res['n']:>3} {res['ttft_client_ms_median']:>11.2f} {g[0]:>9.2f} [{g[1]:7.2f},{g[2]:7.2f}] "
              f"{(res['tpot_client_ms_median'] or 0):>6.2f}/{(res['tpot_server_ms_median'] or 0):<6.2f} "
              f"{t[0]*100:>7.2f} [{t[1]*100:6.2f},{t[2]*100:6.2f}]")
    json.dump(result, open(out, "w"), indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
