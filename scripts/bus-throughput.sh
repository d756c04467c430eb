#!/usr/bin/env bash
# Beazley's bus-feed performance contest on a generated feed of at least 100 MB (kept in /tmp, never committed).
# Usage: pipe/bus-throughput.sh [megabytes=128] [runs=5]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bin/mvnw -q -pl pipe -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
java="$(bin/find-jdk)/bin/java"
exec "$java" --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation -Xmx2g \
  -cp "pipe/target/classes:$(cat pipe/target/classpath.txt)" io.jcoro.pipe.examples.BusThroughput "$@"
