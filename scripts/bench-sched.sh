#!/usr/bin/env bash
# Measures jcoro-sched against CPython's asyncio and Java's virtual threads, side by side in one run, and writes
# everything to bench/target/bench-sched-<time>.txt; prints the summary that docs/performance-sched.md quotes.
#
#   scripts/bench-sched.sh            # everything: about 8 minutes
#   scripts/bench-sched.sh pingpong   # the task switch only (about 2 minutes)
#   scripts/bench-sched.sh echo       # the echo servers only (about 5 minutes)
#   scripts/bench-sched.sh sim        # the simulation's speed only
#   REPS=1 SECONDS_PER_RUN=3 scripts/bench-sched.sh echo    # shorter
#
# Task bodies run as a user's would, compiled with no JVM flags ("sched"), and, for comparison, on each stackful
# backend with compilation off ("sched-cont", "sched-vt"; the echo servers' names).
# The task switch: io.jcoro.bench.sched.PingPong (jcoro-sched on each jcoro backend, and virtual threads with a
# SynchronousQueue, interleaved in one JVM) alternates with scripts/bench_sched_pingpong.py (asyncio).
# The echo servers: each server runs alone in its own process while io.jcoro.bench.sched.EchoBench's load
# generator (virtual threads, one per client, in another JVM) drives it for a warm-up and a measured window; the
# servers take turns in a rotating order, REPS times for each client count. Besides messages per second and p99,
# the server's CPU time (from /proc) over all the messages it echoed: a cost per message that another program's
# load on the machine disturbs far less than throughput.
# The simulation: scripts/quorum-sim.sh over the first 300 seeds of the fixed store, one thread.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
part=${1:-all}
reps=${REPS:-2}
secs=${SECONDS_PER_RUN:-5}
java="$(bin/find-jdk)/bin/java"
exports="--add-exports java.base/jdk.internal.vm=ALL-UNNAMED"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="bench/target/bench-sched-$stamp"
mkdir -p bench/target
scripts/bench-jar.sh "$out.jar"
trap 'rm -f "$out.jar"; [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true' EXIT
{
  echo "# scripts/bench-sched.sh $part (REPS=$reps, SECONDS_PER_RUN=$secs)"
  echo "# $("$java" -version 2>&1 | head -n 2 | tail -n 1); $(python3 --version); $(nproc) CPUs; $(uname -sr)"
  echo "# load before: $(uptime)"
} | tee "$out.txt"

if [ "$part" = all ] || [ "$part" = pingpong ]; then
  for rep in $(seq 1 "$reps"); do
    "$java" -cp "$out.jar" io.jcoro.bench.sched.PingPong 9 50000 | tee -a "$out.txt"
    python3 scripts/bench_sched_pingpong.py 9 50000 | tee -a "$out.txt"
    "$java" $exports -Djcoro.backend=continuation -Djcoro.compile=false -cp "$out.jar" \
      io.jcoro.bench.sched.PingPong 9 50000 | tee -a "$out.txt"
    "$java" -Djcoro.backend=virtual-thread -Djcoro.compile=false -cp "$out.jar" \
      io.jcoro.bench.sched.PingPong 9 20000 | tee -a "$out.txt"
  done
fi

cpu_ticks() { # pid -> user + system CPU time of the process, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

start_server() { # name port -> sets server_pid, waits for "listening"
  local log="$out.server"
  : >"$log" # empty it first: the server's shell truncates it only after the fork, and a stale "listening" would pass
  case "$1" in
    asyncio) python3 scripts/bench_sched_echo.py "$2" >"$log" 2>&1 & ;;
    sched-vt) "$java" -Djcoro.backend=virtual-thread -Djcoro.compile=false -cp "$out.jar" \
      io.jcoro.bench.sched.EchoBench server sched "$2" >"$log" 2>&1 & ;;
    sched-cont) "$java" $exports -Djcoro.backend=continuation -Djcoro.compile=false -cp "$out.jar" \
      io.jcoro.bench.sched.EchoBench server sched "$2" >"$log" 2>&1 & ;;
    *) "$java" -cp "$out.jar" io.jcoro.bench.sched.EchoBench server "$1" "$2" >"$log" 2>&1 & ;;
  esac
  server_pid=$!
  for _ in $(seq 1 100); do grep -q listening "$log" 2>/dev/null && return 0; sleep 0.1; done
  echo "bench-sched: server $1 did not start:" >&2; cat "$log" >&2; exit 1
}

if [ "$part" = all ] || [ "$part" = echo ]; then
  servers=(sched sched-cont sched-vt sched-per-core vt asyncio)
  port=21200 # below the ephemeral range (32768 on), where the clients' closed sockets linger
  for clients in 100 1000; do
    for rep in $(seq 1 "$reps"); do
      for i in "${!servers[@]}"; do
        s=${servers[$(( (i + rep) % ${#servers[@]} ))]}
        port=$((port + 1))
        start_server "$s" "$port"
        before=$(cpu_ticks "$server_pid")
        line=$("$java" -cp "$out.jar" io.jcoro.bench.sched.EchoBench load "$port" "$clients" "$secs" 64 2)
        after=$(cpu_ticks "$server_pid")
        kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
        echo "echo $s $line, server cpu $(( (after - before) * 1000000 / $(getconf CLK_TCK) )) us" | tee -a "$out.txt"
      done
    done
  done
  rm -f "$out.server"
fi

if [ "$part" = all ] || [ "$part" = sim ]; then
  scripts/quorum-sim.sh --seeds 300 | sed 's/^/sim /' | tee -a "$out.txt"
fi

echo "# load after: $(uptime)" | tee -a "$out.txt"
python3 scripts/bench_sched_summary.py "$out.txt" | tee -a "$out.txt"
echo "results: $out.txt"
