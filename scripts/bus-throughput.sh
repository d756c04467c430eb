#!/usr/bin/env bash
# Beazley's bus-feed performance contest on a generated feed of at least 100 MB (kept in /tmp, never committed):
# the table of docs/performance-pipe.md's bus section. Usage: scripts/bus-throughput.sh [megabytes=128] [runs=5]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bin/mvnw -q -pl examples -am package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip
exec "$(bin/find-jdk)/bin/java" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation \
  -Xmx2g -cp examples/target/jcoro-examples.jar io.jcoro.examples.pipe.BusThroughput "$@"
