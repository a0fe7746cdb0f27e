#!/usr/bin/env bash
# Runs every macro benchmark of docs/benchmarks.md in sequence on a quiet machine; logs go to $LOGS
# (default /tmp/tokenclock-bench). Takes about 15-20 minutes on a 2-core machine. Needs jq.
set -uo pipefail
cd "$(dirname "$0")/../.."
LOGS=${LOGS:-/tmp/tokenclock-bench}
mkdir -p "$LOGS"
export TOKENCLOCK_HOME=${TOKENCLOCK_HOME:-$HOME/.cache/tokenclock}
tc="dotnet src/TokenClock.Cli/bin/Release/net10.0/linux-x64/tokenclock.dll"
bench="dotnet bench/TokenClock.Benchmarks/bin/Release/net10.0/TokenClock.Benchmarks.dll"
step() { echo "== $1 ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"; }

dotnet build -c Release src/TokenClock.Cli -v q -nologo >/dev/null && dotnet build -c Release bench/TokenClock.Benchmarks -v q -nologo >/dev/null || exit 1
lscpu | grep -E "Model name|^CPU\(s\)" > "$LOGS/machine.txt"; free -g | head -2 >> "$LOGS/machine.txt"; dotnet --version >> "$LOGS/machine.txt"

step "probe";                 $tc probe                                              > "$LOGS/probe.txt" 2>&1
step "client overhead";       $bench client-overhead                                 > "$LOGS/client-overhead.txt" 2>&1
step "parse rate";            $bench parse-rate 5                                    > "$LOGS/parse-rate.txt" 2>&1
step "send accuracy";         scripts/bench/send-accuracy.sh 100 500                 > "$LOGS/send-accuracy.txt" 2>&1
step "report 100k";           /usr/bin/time -v $tc report --synthetic 100000 --format all -o "$LOGS/report100k" > "$LOGS/report100k.txt" 2>&1
step "summarize pipeline";    {
  port=18$((RANDOM % 900 + 100))
  $tc serve --simulate --ttft-ms 200 --tpot-ms 10 --output-tokens 40 --port "$port" 2>/dev/null & sp=$!
  sleep 3
  $tc summarize bench --backend openai-compatible --base-url "http://127.0.0.1:$port/v1" --model sim --chunks 4 --repeat 5
  kill $sp; } > "$LOGS/summarize-bench.txt" 2>&1
step "summarize in-proc";     $bench summarize-inproc 4                              > "$LOGS/summarize-inproc.txt" 2>&1
step "local http vs in-proc"; scripts/bench/local-http-vs-inprocess.sh 20            > "$LOGS/local-http.txt" 2>&1
rm -f "$LOGS/twins.json"
step "local twins 7B";        $tc model bench --shape llama-2-7b --layers 2,4 --types f16,q8_0,q4_0 --prompt-tokens 512 --max-tokens 32 --requests 2 --measurements-out "$LOGS/twins.json" > "$LOGS/model-bench-7b.txt" 2>&1
step "local twins others";    {
  $tc model bench --shape mistral-7b --layers 2 --types q4_0,q8_0 --prompt-tokens 256 --max-tokens 32 --requests 2 --measurements-out "$LOGS/twins.json"
  $tc model bench --shape tinyllama-1.1b --layers 4,8 --types f16,q4_0 --prompt-tokens 256 --max-tokens 32 --requests 2 --measurements-out "$LOGS/twins.json"
  $tc model bench --shape tiny --layers 2 --types f16 --prompt-tokens 512 --max-tokens 64 --requests 3 --measurements-out "$LOGS/twins.json"
} > "$LOGS/model-bench-others.txt" 2>&1
step "prediction on twins";   $tc predict validate --measurements "$LOGS/twins.json" --engine llama.cpp --train llama-2-7b@4L,tinyllama-1.1b@8L,tiny > "$LOGS/predict-twins.txt" 2>&1
step "done"
