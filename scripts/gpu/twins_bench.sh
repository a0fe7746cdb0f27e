#!/bin/bash
# Latency twins on a GPU: TokenClock writes the F16 twin, llama.cpp's quantizer makes Q8_0/Q4_0/Q4_K_M from it,
# llama-bench measures pp512/tg128 with flash attention off and on. Idempotent (skips files already made).
# Usage: twins_bench.sh SHAPE   with TC (tokenclock binary), BIN (llama.cpp bin dir), MODELS, RES set.
# DRY_RUN=1 prints the commands instead of running them (what CI can exercise without a GPU).
set -u
shape=$1; reps=${REPS:-3}
run() { echo "+ $*" >&2; [ "${DRY_RUN:-0}" = 1 ] || "$@"; }
f16=$MODELS/$shape-f16.gguf
mkdir -p "$MODELS" "$RES"
if [ ! -f "$f16" ]; then
  s=$(date +%s%N); run "$TC" model synth --shape "$shape" --type f16 -o "$f16" --json > "$RES/synth-$shape-f16.json"
  echo "synth $shape f16: $(( ($(date +%s%N) - s) / 1000000 )) ms"
fi
models=(-m "$f16")
for q in Q8_0 Q4_0 Q4_K_M; do
  lower=$(echo $q | tr 'A-Z' 'a-z'); f=$MODELS/$shape-$lower.gguf
  if [ ! -f "$f" ]; then
    s=$(date +%s%N); run "$BIN/llama-quantize" "$f16" "$f.partial" $q 16 > "$RES/quantize-$shape-$lower.log" 2>&1 && run mv "$f.partial" "$f"
    echo "quantize $shape $q: $(( ($(date +%s%N) - s) / 1000000 )) ms"
  fi
  models+=(-m "$f")
done
run "$BIN/llama-bench" "${models[@]}" -ngl 99 -p 512 -n 128 -fa 0,1 -r "$reps" -o json > "$RES/llama-bench-$shape.json" 2> "$RES/llama-bench-$shape.log"
echo "llama-bench $shape rc=$?"
