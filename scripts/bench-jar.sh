#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar with bin/mvnw (quietly, with core and pipe from this checkout) and copies it
# to the path given, so that a benchmark run keeps the classes it was built with. Other builds of the bench module
# in the same checkout may run meanwhile, some without -am (which takes jcoro-core from ~/.m2, possibly stale); so
# the copy is checked against this checkout's compiled core, and rebuilt if another build got in between.
#
#   scripts/bench-jar.sh bench/target/bench-core-<time>.jar
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
dest=$1
for attempt in 1 2 3; do
  log=$(mktemp)
  if ! bin/mvnw -q -pl bench -am package -DskipTests >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; echo "bench-jar: the build failed" >&2; exit 1
  fi
  rm -f "$log"
  cp bench/target/benchmarks.jar "$dest"
  same=yes
  for c in GeneratorCore ContinuationFiber ThreadFiber RealGenerator; do
    if ! unzip -p "$dest" "io/jcoro/$c.class" | cmp -s - "core/target/classes/io/jcoro/$c.class"; then same=no; fi
  done
  [ "$same" = yes ] && exit 0
  echo "bench-jar: the jar's core differs from core/target/classes (a concurrent build?); rebuilding" >&2
  sleep $((attempt * 10))
done
echo "bench-jar: could not get a jar with this checkout's core" >&2
exit 1
