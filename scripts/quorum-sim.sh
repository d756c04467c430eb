#!/usr/bin/env bash
# Runs the replicated store of the worked simulation example (io.jcoro.examples.sched.QuorumSimulation) in
# deterministic simulation, seed after seed, and prints the first failing seed with the command that replays it.
#
#   scripts/quorum-sim.sh --bug --seeds 5000             # the planted bug (ack before fsync): found in a few seeds
#   scripts/quorum-sim.sh --bug --seed 1 --trace         # replay one seed, with every step it took
#   scripts/quorum-sim.sh --seeds 100000 --threads 2     # the fixed store
#
# Builds examples/target/jcoro-examples.jar first when it is missing or older than its sources.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/examples/target/jcoro-examples.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root"/{core,sched,examples}/pom.xml "$root"/{core,sched,examples}/src/main \
      -newer "$jar" -print -quit 2>/dev/null)" ]; then
  log=$(mktemp)
  if ! "$root/bin/mvnw" -q -pl examples -am package -DskipTests >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; echo "quorum-sim: the build failed" >&2; exit 1
  fi
  rm -f "$log"
fi
exec "$("$root/bin/find-jdk")/bin/java" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED \
  -Djcoro.backend=continuation -cp "$jar" io.jcoro.examples.sched.QuorumSimulation "$@"
