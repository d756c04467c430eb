#!/usr/bin/env bash
# Compiled generators against CPython, in the same minutes: alternates CPython runs of the seed's loops
# (scripts/bench_python_compiled.py) with io.jcoro.bench.core.CompiledRatios (no JVM flags), ROUNDS times, then
# prints each figure's median over the rounds and the ratios CPython/jcoro.
#
#   scripts/bench-compiled.sh [ROUNDS]          # default 3 alternations, about 4 minutes
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
rounds=${1:-3}
java="$(bin/find-jdk)/bin/java"
jar=$(mktemp --suffix=.jar)
out=$(mktemp)
trap 'rm -f "$jar" "$out"' EXIT
scripts/bench-jar.sh "$jar"
echo "# $("$java" -version 2>&1 | head -n 2 | tail -n 1); $(nproc) CPUs; python3 $(python3 -c 'import sys; print(sys.version.split()[0])')"
for r in $(seq 1 "$rounds"); do
  echo "# round $r, load: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 scripts/bench_python_compiled.py 3 | tee -a "$out"
  "$java" -cp "$jar" io.jcoro.bench.core.CompiledRatios 200 2>/dev/null | tee -a "$out"
done
python3 - "$out" <<'PY'
import re, statistics, sys
lines = open(sys.argv[1]).read().splitlines()
def medians(prefix_re):
    vals = {}
    for l in lines:
        m = re.match(prefix_re, l)
        if m:
            vals.setdefault(m.group(1).strip(), []).append(float(m.group(2)))
    return {k: statistics.median(v) for k, v in vals.items()}
py = medians(r"python (.*): ([0-9.]+) ns")
jv = medians(r"(.*?)\s+median\s+([0-9.]+) ns")
pairs = [("tally send", "tally send, compiled"),
         ("fib for-each per value", "fib for-each per value, compiled"),
         ("create, run and finish a small generator", "create, run and finish a small generator, compiled"),
         ("Beazley grep -> null send", "Beazley grep -> null send, compiled")]
print("\n# medians over the rounds")
for p, j in pairs:
    if p in py and j in jv:
        print("%-44s CPython %8.1f ns  jcoro compiled %8.1f ns  CPython/jcoro %.1fx"
              % (p, py[p], jv[j], py[p] / jv[j]))
for k in ("fib for-each per value, hand-written Iterator", "tally send, plain object",
          "a CAS and a release store (the misuse guard, alone)"):
    if k in jv:
        print("%-44s %8.2f ns" % (k, jv[k]))
PY
