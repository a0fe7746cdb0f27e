#!/usr/bin/env python3
"""One row per cell of a llama-server sweep (export_requests.py CSV): requests by outcome, client TTFT/TPOT
medians over successful requests, server prompt tokens (prefix-cache reuse shows as prompt_n near 1), and
output throughput counting every streamed token (errored requests too) over the cell's window.
Usage: sweep_table.py REQUESTS.csv OUT.csv"""
import csv
import statistics
import sys
from collections import defaultdict


def main(src, out):
    cells = defaultdict(list)
    for r in csv.DictReader(open(src)):
        if r["phase"] == "measured":
            cells[r["run_name"]].append(r)
    cols = ["cell", "requests", "ok", "provider_error", "disconnect", "ttft_p50_ms", "tpot_p50_ms", "srv_prompt_n_p50",
            "srv_prompt_ms_p50", "streamed_tokens", "window_s", "output_tok_per_s", "ok_req_per_s"]
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for name, rs in cells.items():
            ok = [r for r in rs if r["error_class"] == "none"]
            ttft = [(int(r["first_token_ns"]) - int(r["sent_ns"])) / 1e6 for r in ok]
            tpot = [(int(r["end_ns"]) - int(r["first_token_ns"])) / 1e6 / (int(r["server_output_tokens"]) - 1)
                    for r in ok if r["server_output_tokens"] and int(r["server_output_tokens"]) > 2]
            pn = [int(r["srv_prompt_n"]) for r in ok if r["srv_prompt_n"]]
            pm = [float(r["srv_prompt_ms"]) for r in ok if r["srv_prompt_ms"]]
            toks = sum(int(r["chunks"]) for r in rs)
            t0 = min(int(r["sent_ns"]) for r in rs)
            t1 = max(int(r["end_ns"]) for r in rs if r["end_ns"])
            win = (t1 - t0) / 1e9
            med = lambda xs: round(statistics.median(xs), 3) if xs else ""
            w.writerow([name, len(rs), len(ok), sum(r["error_class"] == "provider_error" for r in rs),
                        sum(r["error_class"] == "disconnect" for r in rs), med(ttft), med(tpot), med(pn), med(pm),
                        toks, round(win, 3), round(toks / win, 1), round(len(ok) / win, 3)])
    print(open(out).read())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
