#!/usr/bin/env bash
# The tally coroutine's loop (io.jcoro.examples.Tally), CPython against jcoro: N sends (default 5,000,000) to one tally in python3
# (scripts/bench_python_tally.py, best of 3 rounds) and in Java on the continuation backend
# (io.jcoro.bench.core.TallyMain, best of 5 rounds after 5 warm-up rounds); prints both per-send times and the
# ratio, with the machine load. The same loop on a bare Continuation is printed for scale.
#
#   scripts/bench-python-tally.sh [N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
n=${1:-5000000}
java="$(bin/find-jdk)/bin/java"

jar=$(mktemp --suffix=.jar)
trap 'rm -f "$jar"' EXIT
scripts/bench-jar.sh "$jar"

echo "# load before: $(uptime)"
py=$(python3 scripts/bench_python_tally.py "$n")
echo "$py"
jv=$("$java" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation -Djcoro.compile=false -cp "$jar" \
  io.jcoro.bench.core.TallyMain "$n")
echo "$jv"
echo "# load after: $(uptime)"
p=$(sed -n 's/^python ns\/send: \([0-9.]*\).*/\1/p' <<<"$py")
j=$(sed -n 's/^java ns\/send: \([0-9.]*\).*/\1/p' <<<"$jv")
r=$(sed -n 's/^raw continuation ns\/send: \([0-9.]*\).*/\1/p' <<<"$jv")
python3 - "$p" "$j" "$r" <<'PY'
import sys
p, j, r = map(float, sys.argv[1:])
print("ratio CPython/jcoro: %.2f (%s)" % (p / j, "jcoro is faster" if j < p else "CPython is faster"))
print("ratio CPython/raw continuation: %.2f; jcoro/raw continuation: %.2f" % (p / r, j / r))
PY
