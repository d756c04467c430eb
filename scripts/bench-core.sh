#!/usr/bin/env bash
# Runs the core JMH benchmarks (io.jcoro.bench.core) side by side in one run and writes the results to
# bench/target/bench-core-<time>.txt (JMH's log and table, with the machine load before and after) and .json,
# then prints the ratios docs/performance.md compares with its targets.
#
#   scripts/bench-core.sh                       # everything: about 4 minutes
#   scripts/bench-core.sh 'RoundTrip'           # a subset (a JMH regex over io.jcoro.bench.core)
#   JMH_ARGS='-prof gc' scripts/bench-core.sh   # extra JMH options
#
# Builds bench/target/benchmarks.jar first (quietly) with bin/mvnw. Uses 1 fork per benchmark, 3 x 1 s warm-up and
# 5 x 1 s measurement: enough for ratios on a quiet machine, not for absolute figures; always read the load.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
filter=${1:-}
java="$(bin/find-jdk)/bin/java"

log=$(mktemp)
if ! bin/mvnw -q -pl bench -am package -DskipTests >"$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"; echo "bench-core: the build failed" >&2; exit 1
fi
rm -f "$log"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="bench/target/bench-core-$stamp"
{
  echo "# scripts/bench-core.sh ${filter} (JMH_ARGS=${JMH_ARGS:-})"
  echo "# $("$java" -version 2>&1 | head -n 2 | tail -n 1); $(nproc) CPUs; $(uname -sr)"
  echo "# load before: $(uptime)"
} | tee "$out.txt"
# shellcheck disable=SC2086 # JMH_ARGS is a list of options
"$java" -jar bench/target/benchmarks.jar "io\.jcoro\.bench\.core\..*${filter}" \
  -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff "$out.json" ${JMH_ARGS:-} 2>&1 | tee -a "$out.txt"
echo "# load after: $(uptime)" | tee -a "$out.txt"
python3 scripts/bench_core_ratios.py "$out.json" | tee -a "$out.txt"
echo "results: $out.txt and $out.json"
