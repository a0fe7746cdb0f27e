#!/usr/bin/env python3
"""Export every request of a TokenClock results database as CSV, with the server's own timings beside the
client's instants, so raw GPU serving data can be committed as text. Usage: export_requests.py DB OUT.csv"""
import csv
import json
import sqlite3
import sys


def packed_count(blob):
    """Chunks in a chunks_packed blob: a format byte, then three varints per chunk, each ending at a byte < 0x80."""
    if blob is None:
        return 0
    if blob[0] != 1:
        raise ValueError(f"chunks_packed format {blob[0]} is not 1")
    return sum(1 for b in blob[1:] if b < 0x80) // 3


def main(db, out):
    con = sqlite3.connect(db)
    # Schema 6 packs a request's chunks in one blob; older rows (and files) keep one chunks row per chunk.
    packed = "q.chunks_packed" if any(c[1] == "chunks_packed" for c in con.execute("pragma table_info(requests)")) else "null"
    rows = con.execute(
        f"""select r.name, q.run_id, q.idx, q.phase, q.scheduled_ns, q.sent_ns, q.headers_ns, q.first_token_ns,
                  q.end_ns, q.output_chars, q.server_output_tokens, q.local_output_tokens, q.server_input_tokens,
                  q.local_input_tokens, q.finish_reason, q.error_class, q.error_message, q.server_timings_json,
                  (select count(*) from chunks c where c.request_id = q.id), {packed}
           from requests q join runs r on r.id = q.run_id order by q.run_id, q.idx""").fetchall()
    cols = ["run_name", "run_id", "idx", "phase", "scheduled_ns", "sent_ns", "headers_ns", "first_token_ns", "end_ns",
            "output_chars", "server_output_tokens", "local_output_tokens", "server_input_tokens", "local_input_tokens",
            "finish_reason", "error_class", "error_message", "srv_prompt_n", "srv_prompt_ms", "srv_predicted_n",
            "srv_predicted_ms", "chunks"]
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for r in rows:
            t = json.loads(r[17]) if r[17] else {}
            msg = (r[16] or "")[:80]  # the engine's message quotes the generated text; keep its head only
            w.writerow(list(r[:16]) + [msg, t.get("prompt_tokens"), t.get("prompt_ms"), t.get("predicted_tokens"),
                                       t.get("predicted_ms"), r[18] + packed_count(r[19])])
    print(f"{len(rows)} requests -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
