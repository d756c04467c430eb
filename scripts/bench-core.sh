#!/usr/bin/env bash
# Runs the core JMH benchmarks (io.jcoro.bench.core) side by side in one run, then the load-cancelling ratio run
# (io.jcoro.bench.core.Interleaved), and writes everything to bench/target/bench-core-<time>.txt (JMH's log and
# table, with the machine load before and after each part) and JMH's results to .json; prints the figures
# docs/performance.md compares with its targets.
#
#   scripts/bench-core.sh                       # everything: about 5 minutes
#   scripts/bench-core.sh 'RoundTrip'           # a subset of the JMH benchmarks (a regex), no Interleaved
#   scripts/bench-core.sh Interleaved           # only the interleaved ratio run (no JMH)
#   JMH_ARGS='-prof gc' scripts/bench-core.sh   # extra JMH options
#
# Builds the benchmarks jar first (scripts/bench-jar.sh) and runs a private copy of it, bench-core-<time>.jar.
# JMH: 1 fork per benchmark, 3 x 1 s warm-up and 5 x 1 s measurement; enough for ratios on a quiet machine, not
# for absolute figures; always read the load.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
filter=${1:-}
java="$(bin/find-jdk)/bin/java"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="bench/target/bench-core-$stamp"
scripts/bench-jar.sh "$out.jar"
trap 'rm -f "$out.jar" "$out.jmh"' EXIT
{
  echo "# scripts/bench-core.sh ${filter} (JMH_ARGS=${JMH_ARGS:-})"
  echo "# $("$java" -version 2>&1 | head -n 2 | tail -n 1); $(nproc) CPUs; $(uname -sr)"
} | tee "$out.txt"

if [ "$filter" != Interleaved ]; then
  echo "# JMH's log goes to $out.txt"
  # JMH runs one instance per machine (/tmp/jmh.lock); when another run holds it, wait for it rather
  # than measure two suites against each other.
  for attempt in $(seq 1 90); do
    before="# load before: $(uptime)"
    # shellcheck disable=SC2086 # JMH_ARGS is a list of options
    if "$java" -jar "$out.jar" "io\.jcoro\.bench\.core\..*${filter}" \
        -f 1 -wi 3 -i 5 -w 1s -r 1s -rf json -rff "$out.json" ${JMH_ARGS:-} >"$out.jmh" 2>&1; then
      break
    fi
    if ! grep -q "Unable to acquire the JMH lock" "$out.jmh"; then
      tee -a "$out.txt" <"$out.jmh"; exit 1
    fi
    [ "$attempt" = 1 ] && echo "# another JMH run holds /tmp/jmh.lock; waiting for it" | tee -a "$out.txt"
    sleep 20
  done
  echo "$before" | tee -a "$out.txt"
  cat "$out.jmh" >>"$out.txt"
  grep -A200 "^Benchmark " "$out.jmh" | grep -v "^$" || true
  echo "# load after: $(uptime)" | tee -a "$out.txt"
  [ -s "$out.json" ] || { echo "bench-core: JMH wrote no results" >&2; exit 1; }
  python3 scripts/bench_core_ratios.py "$out.json" | tee -a "$out.txt"
fi

if [ -z "$filter" ] || [ "$filter" = Interleaved ]; then
  echo | tee -a "$out.txt"
  echo "# load before Interleaved: $(uptime)" | tee -a "$out.txt"
  "$java" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation -Djcoro.compile=false -cp "$out.jar" \
    io.jcoro.bench.core.Interleaved | tee -a "$out.txt"
  echo "# load after: $(uptime)" | tee -a "$out.txt"
fi
echo "results: $out.txt$([ "$filter" != Interleaved ] && echo " and $out.json")"
