#!/usr/bin/env bash
# The same local tiny twin measured in process and through `tokenclock serve --model` over loopback HTTP:
# synthetic 512-token prompts, exactly 128 output tokens. Prints TTFT and TPOT p50 of both and the difference.
# Usage: scripts/bench/local-http-vs-inprocess.sh [REQUESTS]   (default 20). Needs a Release CLI build and jq.
set -euo pipefail
cd "$(dirname "$0")/../.."
tc="dotnet src/TokenClock.Cli/bin/Release/net10.0/linux-x64/tokenclock.dll"
n=${1:-20}
work=$(mktemp -d)
port=19$((RANDOM % 900 + 100))
$tc serve --model tiny --port "$port" 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 150); do grep -q "listening on" "$work/serve.log" && break; sleep 0.2; done
cat > "$work/spec.yaml" <<SPEC
name: http-vs-inprocess
workload: synthetic
workload_options: { prompt_tokens: "512", tokenizer: gpt2 }
max_tokens: 128
ignore_eos: true
requests: $n
warmup: 2
backends:
  - { kind: local, name: in-process, model: tiny, settings: { threads: "2" } }
  - { kind: openai-compatible, name: http, base_url: "http://127.0.0.1:$port/v1", model: tiny }
SPEC
uptime
$tc run "$work/spec.yaml" --db "$work/r.db" --json 2>/dev/null | jq -r '
  (.backends | map({key: .backend, value: .}) | from_entries) as $b
  | ($b["in-process"]) as $i | ($b["http"]) as $h
  | "in-process: n=\($i.succeeded) TTFT p50 \($i.ttft_ms.p50|.*100|round/100) ms, TPOT p50 \($i.tpot_ms.p50*1000|round/1000) ms",
    "http:       n=\($h.succeeded) TTFT p50 \($h.ttft_ms.p50|.*100|round/100) ms, TPOT p50 \($h.tpot_ms.p50*1000|round/1000) ms",
    "HTTP adds:  TTFT \(($h.ttft_ms.p50 - $i.ttft_ms.p50)|.*100|round/100) ms, per token \((($h.tpot_ms.p50 - $i.tpot_ms.p50)*1000)|round/1000) ms"'
uptime
