#!/usr/bin/env bash
# The JMH figures of docs/performance-pipe.md: pipelines (functional and coroutine stages against Consumer chains,
# streams and raw continuations), Beazley's coroutine-vs-object test, and the thread hop, side by side in one run.
# Usage: scripts/bench-pipe.sh [extra JMH options, e.g. -f 1 for a quick look]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bin/mvnw -q -pl bench -am package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip
exec "$(bin/find-jdk)/bin/java" -jar bench/target/benchmarks.jar 'io\.jcoro\.bench\.pipe\..*' "$@"
