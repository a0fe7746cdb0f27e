#!/usr/bin/env bash
# Fuzz one TokenClock parser with AFL++ through SharpFuzz (persistent mode: one .NET process runs many inputs).
#   scripts/fuzz/run.sh TARGET SECONDS [EXECS]   TARGET: sse | gguf | spec | request
# Stops after SECONDS, or after about EXECS executions when given, whichever comes first.
# Installs what is missing (afl++ from Debian, the sharpfuzz dotnet tool), publishes fuzz/TokenClock.Fuzz,
# instruments the TokenClock assemblies, runs afl-fuzz for SECONDS on fuzz/corpus/TARGET and prints the figures.
# Findings land in fuzz/out/TARGET/default/{crashes,hangs}; replay one with
#   dotnet fuzz/out/bin/TokenClock.Fuzz.dll TARGET --replay FILE
set -euo pipefail
target="${1:?usage: scripts/fuzz/run.sh TARGET SECONDS (TARGET: sse, gguf, spec, request)}"
seconds="${2:?usage: scripts/fuzz/run.sh TARGET SECONDS [EXECS]}"
execs_limit=()
if [[ -n "${3:-}" ]]; then execs_limit=(-E "$3"); fi
case "$target" in sse|gguf|spec|request) ;; *) echo "unknown target '$target' (sse, gguf, spec, request)" >&2; exit 2;; esac
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/fuzz/out"
bin="$out/bin"

if ! command -v afl-fuzz >/dev/null; then
  apt-get update -qq && apt-get install -y -qq afl++ >/dev/null
fi
export PATH="$PATH:$HOME/.dotnet/tools"
if ! command -v sharpfuzz >/dev/null; then
  dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

# Publish and instrument once per build; a stamp avoids instrumenting an assembly twice.
if [[ ! -f "$bin/.instrumented" || -n "${FUZZ_REBUILD:-}" ]]; then
  rm -rf "$bin"
  dotnet publish "$root/fuzz/TokenClock.Fuzz" -c Release -o "$bin" -m:1 --nologo -v q
  for dll in TokenClock.Core TokenClock.Local TokenClock.Prediction TokenClock.Server YamlDotNet; do
    sharpfuzz "$bin/$dll.dll" >/dev/null
  done
  touch "$bin/.instrumented"
fi

work="$out/$target"
rm -rf "$work"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
       AFL_NO_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=60000 AFL_SHUFFLE_QUEUE=0
# -t: a single input taking over 2 s is reported as a hang; -m none: the .NET runtime reserves much address space.
set +e
timeout $((seconds + 120)) afl-fuzz -i "$root/fuzz/corpus/$target" -o "$work" -t 2000 -m none -V "$seconds" "${execs_limit[@]}" \
  -- dotnet "$bin/TokenClock.Fuzz.dll" "$target" > "$work.log" 2>&1
rc=$?
set -e
stats="$work/default/fuzzer_stats"
if [[ ! -f "$stats" ]]; then
  echo "afl-fuzz exited $rc without stats; see $work.log" >&2
  tail -20 "$work.log" >&2
  exit 1
fi
get() { awk -F' *: *' -v k="$1" '$1==k {print $2}' "$stats"; }
crashes=$(find "$work/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
hangs=$(find "$work/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "target=$target seconds=$(get run_time) execs=$(get execs_done) execs_per_sec=$(get execs_per_sec)" \
     "corpus=$(get corpus_count) edges=$(get edges_found) crashes=$crashes hangs=$hangs load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
