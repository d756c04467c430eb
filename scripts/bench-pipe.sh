#!/usr/bin/env bash
# The figures of docs/performance-pipe.md but the bus contest (scripts/bus-throughput.sh): the pipe JMH benchmarks
# (io.jcoro.bench.pipe: pipelines against Consumer chains, streams and raw continuations, Beazley's
# coroutine-vs-object test, the thread hop) side by side in one run, then PipeRatios, which interleaves the
# competitors in one JVM so that load which comes and goes hits both sides of a ratio alike. Writes everything,
# with the machine load before and after each part, to bench/target/bench-pipe-<time>.txt.
#
#   scripts/bench-pipe.sh                      # JMH -f 3 -wi 4 -i 5 -w 1s -r 1s, then PipeRatios 300: ~8 minutes
#   scripts/bench-pipe.sh -f 1                 # other JMH options instead of those
#
# Builds the benchmarks jar first and runs a private copy of it (scripts/bench-jar.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
java="$(bin/find-jdk)/bin/java"
jmh_options=("$@")
[ ${#jmh_options[@]} -gt 0 ] || jmh_options=(-f 3 -wi 4 -i 5 -w 1s -r 1s)

out="bench/target/bench-pipe-$(date -u +%Y%m%dT%H%M%SZ)"
scripts/bench-jar.sh "$out.jar"
trap 'rm -f "$out.jar"' EXIT
{
  echo "# scripts/bench-pipe.sh ${jmh_options[*]}"
  echo "# $("$java" -version 2>&1 | sed -n 2p); $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)"
  echo "# load before JMH: $(uptime)"
} | tee "$out.txt"
"$java" -jar "$out.jar" 'io\.jcoro\.bench\.pipe\..*' "${jmh_options[@]}" -rf json -rff "$out.json" >"$out.jmh" 2>&1 \
  || { cat "$out.jmh" >&2; exit 1; }
cat "$out.jmh" >>"$out.txt"
rm -f "$out.jmh"
grep -A20 "^Benchmark " "$out.txt" | grep -v "^$"
echo "# load after JMH: $(uptime)" | tee -a "$out.txt"

echo "# load before PipeRatios: $(uptime)" | tee -a "$out.txt"
"$java" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation -cp "$out.jar" \
  io.jcoro.bench.pipe.PipeRatios 300 | tee -a "$out.txt"
echo "# load after PipeRatios: $(uptime)" | tee -a "$out.txt"
echo "results: $out.txt and $out.json"
