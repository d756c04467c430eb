#!/usr/bin/env bash
# The benchmarks behind docs/performance-disklog.md. Every figure there is printed by this script.
#
#   scripts/disklog-bench.sh [throughput|memory|seed|seed-big|fixed|floor [SIZE...]|marginal [SIZE SIZE]|startup|
#                             hosts [ROUNDS]|all]
#     (default: all; seed-big, floor, marginal and hosts are not in all)
#   scripts/disklog-bench.sh compare DIR [ROUNDS]
#     this build against the one checked out and built in DIR (bin/disklog there), runs alternating, same minutes
#
# Work files (generated logs, 1 GB to 10 GB) go to $DISKLOG_BENCH_DIR (default /tmp/disklog-bench) and are reused
# by later runs; nothing there is committed. Needs python3 for the seed comparison, taskset for the one-core runs.
# The machine's load average is printed with each section: on a shared machine, compare figures only with the
# baselines (grep, wc) measured in the same section.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
dir=${DISKLOG_BENCH_DIR:-/tmp/disklog-bench}
mkdir -p "$dir"
what=${1:-all}

bin/disklog --version >/dev/null # builds the jar if it is missing or stale; makes the start-up cache for stdin
bin/disklog data/sample-kern.log >/dev/null || true # and the one for files: made here, not inside a measurement
export DISKLOG_NO_BUILD=1         # and no rebuild in the middle of a measurement if a source changes
java=$("$root/bin/find-jdk")/bin/java
jar=$root/disklog/target/disklog.jar
tools=$root/tools/target/classes # the log generator
bench=$jar:$root/bench/target/classes # disklog's benchmark mains (ReadFloor, Throughput)
jvm=(-XX:+UseSerialGC -Xmn32m -Djcoro.backend=continuation --add-exports java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED)
launcher=(-XX:+UseSerialGC -Xmn32m -Djcoro.backend=continuation --enable-native-access=ALL-UNNAMED)

gen() { # seed size format file [hosts]
  if [ ! -f "$4" ]; then
    echo "generating $4 ($2, $3, seed $1${5:+, $5 hosts}) ..." >&2
    "$java" -cp "$tools" io.jcoro.disklog.gen.LogGenerator --seed "$1" --size "$2" --format "$3" --hosts "${5:-1}" \
        --truth "$4.truth" "$4"
  fi
}
seedlog() { # SIZE: the seed-format log of that size (seed 7), generated once; prints its path
  local f=$dir/seed-$(echo "$1" | tr 'GM' 'gm')-s7.log
  gen 7 "$1" seed "$f"
  echo "$f"
}
load() { echo "  (load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs)"; }
# run CMD...: prints "wall_s max_rss_kb user_s system_s" (disklog exits 1 when it finds drives: not a failure here)
run() {
  /usr/bin/time -f "%e %M %U %S" -o "$dir/time.txt" "$@" >"$dir/out.txt" 2>"$dir/err.txt" || true
  tail -n 1 "$dir/time.txt"
}
best() { # N CMD...: the best wall time of N runs, with its rss and user time
  local n=$1; shift
  for _ in $(seq "$n"); do run "$@"; done | sort -n | head -n 1
}
truth() { grep -v '^#' "$@" | cut -f1 | sort -u; }
found() { "$java" -cp "$jar" -version >/dev/null 2>&1; grep -o '"serial":"[^"]*"' "$dir/out.txt" | cut -d'"' -f4 | sort -u; }

throughput() {
  local f=$dir/dmesg-1g-s1.log
  gen 1 1G dmesg "$f"
  cat "$f" >/dev/null
  echo "== throughput: $(du -h "$f" | cut -f1) dmesg-format log, $(wc -l <"$f") lines, page cache warm"
  load
  echo "  grep -c XFS           : $(best 3 grep -c XFS "$f" | cut -d' ' -f1) s"
  echo "  wc -l                 : $(best 3 wc -l "$f" | cut -d' ' -f1) s"
  echo "  disklog, warm JVM, one core (taskset -c 0), 20 rounds in one JVM, with the vector API, as bin/disklog reads 2 GB or more and standard input:"
  taskset -c 0 "$java" "${jvm[@]}" --add-modules jdk.incubator.vector -cp "$bench" io.jcoro.bench.disklog.Throughput 20 "$f" 2> >(grep -v '^WARNING: Using incubator modules' >&2) \
    | sed 's/^/    /'
  echo "  the same without the vector API (no --add-modules):"
  taskset -c 0 "$java" "${jvm[@]}" -cp "$bench" io.jcoro.bench.disklog.Throughput 20 "$f" | tail -n 2 \
    | sed 's/^/    /'
  local r
  r=$(best 3 bin/disklog --json "$f")
  echo "  bin/disklog --json (new JVM each run, best of 3): $(echo "$r" | cut -d' ' -f1) s wall, $(echo "$r" | cut -d' ' -f3) s user, max RSS $(( $(echo "$r" | cut -d' ' -f2) / 1024 )) MB"
  if diff <(truth "$f.truth") <(found) >/dev/null; then
    echo "  answer: the $(truth "$f.truth" | wc -l) failing drives of the generator's truth, no more, no less"
  else
    echo "  answer: DIFFERS from the generator's truth"
  fi
}

memory() {
  local files=()
  for s in 1 2 3 4 5 6 7 8 9 10; do
    gen "$s" 1G dmesg "$dir/dmesg-1g-s$s.log"
    files+=("$dir/dmesg-1g-s$s.log")
  done
  cat "${files[@]}" >/dev/null # into the page cache: the seed section's Python program may have pushed them out
  echo "== memory: 1 GB and 10 GB (ten 1 GB logs of different machines' histories, read as one stream)"
  load
  local r
  r=$(run bin/disklog --json "${files[0]}")
  echo "  1 GB : max RSS $(( $(echo "$r" | cut -d' ' -f2) / 1024 )) MB, $(echo "$r" | cut -d' ' -f1) s wall, $(found | wc -l) failing drives"
  r=$(run bin/disklog --json "${files[@]}")
  echo "  10 GB: max RSS $(( $(echo "$r" | cut -d' ' -f2) / 1024 )) MB, $(echo "$r" | cut -d' ' -f1) s wall, $(found | wc -l) failing drives"
  local want
  want=$(for f in "${files[@]}"; do truth "$f.truth"; done | sort -u | wc -l)
  echo "  (truth: $want distinct failing drives across the ten histories)"
  r=$(run sh -c "cat ${files[*]} | bin/disklog --json")
  echo "  10 GB on standard input: max RSS $(( $(echo "$r" | cut -d' ' -f2) / 1024 )) MB, $(echo "$r" | cut -d' ' -f1) s wall"
}

seed() { # [SIZE]: 1G by default; seed-big uses 4G (the seed's program then needs about 8 GB of memory)
  local size=${1:-1G}
  local f
  f=$(seedlog "$size")
  cat "$f" >/dev/null
  echo "== the seed's Python program vs disklog vs grep, on a $(du -h "$f" | cut -f1) seed-format log ($(wc -l <"$f") lines)"
  load
  local g p d
  g=$(best 3 grep -c XFS "$f")
  echo "  grep -c XFS (floor)        : $(echo "$g" | cut -d' ' -f1) s"
  local runs
  runs=$(for _ in 1 2 3 4 5; do run bin/disklog --json "$f"; done | sort -n)
  d=$(echo "$runs" | sed -n 3p) # the median of five (the best is printed too)
  found >"$dir/disklog-serials.txt"
  echo "  bin/disklog --json         : median of 5 $(echo "$d" | cut -d' ' -f1) s wall ($(echo "$d" | cut -d' ' -f3) s user), best $(echo "$runs" | head -n 1 | cut -d' ' -f1) s, max RSS $(( $(echo "$d" | cut -d' ' -f2) / 1024 )) MB, $(wc -l <"$dir/disklog-serials.txt") failing drives"
  p=$(run python3 scripts/disklog-seed.py "$f")
  sort -u "$dir/out.txt" >"$dir/python-serials.txt"
  echo "  python3 disklog-seed.py    : $(echo "$p" | cut -d' ' -f1) s wall, max RSS $(( $(echo "$p" | cut -d' ' -f2) / 1024 )) MB, $(wc -l <"$dir/python-serials.txt") distinct serials"
  awk -v p="$(echo "$p" | cut -d' ' -f1)" -v d="$(echo "$d" | cut -d' ' -f1)" -v g="$(echo "$g" | cut -d' ' -f1)" \
    -v b="$(echo "$runs" | head -n 1 | cut -d' ' -f1)" \
    'BEGIN { printf "  disklog (median) is %.1fx faster than the seed (%.1fx for its best run); %.2fx the time of grep\n", p / d, p / b, d / g }'
  echo "  truth: $(truth "$f.truth" | wc -l) failing drives; disklog found $(comm -12 <(truth "$f.truth") "$dir/disklog-serials.txt" | wc -l) of them and $(comm -13 <(truth "$f.truth") "$dir/disklog-serials.txt" | wc -l) others;" \
       "the seed found $(comm -12 <(truth "$f.truth") "$dir/python-serials.txt" | wc -l) of them and $(comm -13 <(truth "$f.truth") "$dir/python-serials.txt" | wc -l) others"
}

fixed() { # what a big run pays whatever the size: start-up, the JIT, the first interpreted megabytes
  local f
  f=$(seedlog 100M)
  cat "$f" >/dev/null
  echo "== fixed cost: bin/disklog --json on a $(du -h "$f" | cut -f1) seed-format log (read by two workers, as a big file is), 7 runs"
  load
  echo "  grep -c XFS: $(best 3 grep -c XFS "$f" | cut -d' ' -f1) s"
  local runs
  runs=$(for _ in 1 2 3 4 5 6 7; do run bin/disklog --json "$f"; done | sort -n)
  echo "  bin/disklog --json: median $(echo "$runs" | sed -n 4p | cut -d' ' -f1) s wall ($(echo "$runs" | sed -n 4p | cut -d' ' -f3) s user), best $(echo "$runs" | head -n 1 | cut -d' ' -f1) s"
}

floor() { # [SIZE...]: the JVM's floor against grep -c XFS on seed-format logs (1G and 4G by default)
  local sizes=("$@")
  [ ${#sizes[@]} -gt 0 ] || sizes=(1G 4G)
  local empty=$dir/empty.log
  : >"$empty"
  local native="" # the filter workers' job in C, a reference, when there is a C compiler
  if command -v gcc >/dev/null && gcc -O2 -march=native -pthread -o "$dir/native-filter" scripts/native-filter.c 2>/dev/null; then
    native=$dir/native-filter
  fi
  for size in "${sizes[@]}"; do
    local f
    f=$(seedlog "$size")
    cat "$f" >/dev/null
    echo "== the floor: what any JVM program pays to read a $(du -h "$f" | cut -f1) seed-format log, against grep (best of 3 each)"
    load
    local g
    g=$(best 3 grep -c XFS "$f" | cut -d' ' -f1)
    row() { # label seconds
      awk -v l="$1" -v t="$2" -v g="$g" 'BEGIN { printf "  %-70s %5.2f s  %5.2fx grep\n", l, t, t / g }'
    }
    row "grep -c XFS" "$g"
    row "wc -l" "$(best 3 wc -l "$f" | cut -d' ' -f1)"
    floor_run() { # MODE FILE [JVM option...]: the best of 3 ReadFloor runs
      local mode=$1 file=$2
      shift 2
      best 3 "$java" "${launcher[@]}" "$@" -cp "$bench" io.jcoro.bench.disklog.ReadFloor "$mode" "$file" | cut -d' ' -f1
    }
    row "JVM start, an empty file (ReadFloor read)" "$(floor_run read "$empty")"
    row "JVM, two threads read every byte into the heap (ReadFloor read)" "$(floor_run read "$f")"
    row "... the same, copied out of memory-mapped windows (ReadFloor mapped)" "$(floor_run mapped "$f")"
    row "... and count the lines, SWAR (ReadFloor lines)" "$(floor_run lines "$f")"
    row "... and count the lines, vector API (ReadFloor lines)" "$(floor_run lines "$f" --add-modules jdk.incubator.vector)"
    row "... disklog's filter workers alone, vector API (ReadFloor filter)" "$(floor_run filter "$f" --add-modules jdk.incubator.vector)"
    if [ -n "$native" ]; then
      row "the workers' job in C, two threads, AVX-512 (scripts/native-filter.c)" "$(best 3 "$native" "$f" | cut -d' ' -f1)"
    fi
    row "bin/disklog --json" "$(best 3 bin/disklog --json "$f" | cut -d' ' -f1)"
  done
}

marginal() { # [SIZE1 SIZE2]: what one more GB costs disklog and grep -c XFS (1G and 4G seed-format logs by default)
  local s1=${1:-1G} s2=${2:-4G}
  local f1 f2
  f1=$(seedlog "$s1")
  f2=$(seedlog "$s2")
  cat "$f1" "$f2" >/dev/null
  echo "== one more GB: disklog and grep -c XFS on $(du -h "$f1" | cut -f1) and $(du -h "$f2" | cut -f1) seed-format logs, five rounds alternating, medians"
  echo "   (disklog with the vector API at both sizes, DISKLOG_VECTOR_MIN_MB=0, so that both runs pay the same fixed cost)"
  load
  cputime() { run "$@" | awk '{ printf "%s %.2f\n", $1, $3 + $4 }'; } # CMD...: "wall cpu" (user + system)
  local rows=""
  for _ in 1 2 3 4 5; do
    rows+="g1 $(cputime grep -c XFS "$f1")"$'\n'
    rows+="d1 $(DISKLOG_VECTOR_MIN_MB=0 cputime bin/disklog --json "$f1")"$'\n'
    rows+="g2 $(cputime grep -c XFS "$f2")"$'\n'
    rows+="d2 $(DISKLOG_VECTOR_MIN_MB=0 cputime bin/disklog --json "$f2")"$'\n'
  done
  echo -n "$rows" | awk -v b1="$(stat -c %s "$f1")" -v b2="$(stat -c %s "$f2")" '
    { w[$1] = w[$1] " " $2; c[$1] = c[$1] " " $3 }
    function median(list,   a, n, i, j, t) { # (mawk has no asort)
      n = split(list, a, " ")
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      return a[int((n + 1) / 2)]
    }
    END {
      gb = (b2 - b1) / 1e9
      for (k in w) { mw[k] = median(w[k]); mc[k] = median(c[k]) }
      printf "  grep -c XFS : %.2f s and %.2f s wall (CPU %.2f and %.2f s)\n", mw["g1"], mw["g2"], mc["g1"], mc["g2"]
      printf "  bin/disklog : %.2f s and %.2f s wall (CPU %.2f and %.2f s)\n", mw["d1"], mw["d2"], mc["d1"], mc["d2"]
      printf "  one more GB : grep %.3f s wall (%.3f s CPU), disklog %.3f s wall (%.3f s CPU): %.2fx grep per GB\n",
        (mw["g2"] - mw["g1"]) / gb, (mc["g2"] - mc["g1"]) / gb, (mw["d2"] - mw["d1"]) / gb, (mc["d2"] - mc["d1"]) / gb,
        (mw["d2"] - mw["d1"]) / (mw["g2"] - mw["g1"])
      printf "  fixed part  : disklog %.2f s, grep %.2f s (the wall time at 0 bytes, on the line through the two sizes)\n",
        mw["d1"] - (mw["d2"] - mw["d1"]) / gb * b1 / 1e9, mw["g1"] - (mw["g2"] - mw["g1"]) / gb * b1 / 1e9
    }'
}

startup() {
  echo "== start-up: bin/disklog on small logs, page cache warm, 10 runs each"
  load
  bin/disklog data/sample-kern.log >/dev/null || true # makes the start-up cache if it is missing
  for f in data/sample-kern.log disklog/src/test/resources/io/jcoro/disklog/sample-kern.log; do
    [ -f "$f" ] || continue
    local times
    times=$(for _ in $(seq 10); do run bin/disklog "$f" | cut -d' ' -f1; done | sort -n)
    echo "  bin/disklog $f: median $(echo "$times" | sed -n 5p) s, best $(echo "$times" | head -n 1) s"
  done
  local f=data/sample-kern.log
  # the launcher's cache: an AOT cache on JDK 25+, a class-data archive before
  local cache=(-XX:SharedArchiveFile="$root/disklog/target/disklog.jsa" -Xlog:cds=off)
  [ -f "$root/disklog/target/disklog.aot" ] && cache=(-XX:AOTCache="$root/disklog/target/disklog.aot" -Xlog:aot=off -Xlog:cds=off)
  for v in "plain java -jar (no cache, C2):" "with the cache, C2:" "with the cache, C1 only (what bin/disklog uses for small inputs):"; do
    local extra=()
    case "$v" in
      plain*) extra=(-Xshare:auto) ;;
      "with the cache, C2:") extra=("${cache[@]}") ;;
      *) extra=("${cache[@]}" -XX:TieredStopAtLevel=1) ;;
    esac
    local times
    # the launcher's options (the jar's manifest adds the export; a cache is refused when module options differ)
    times=$(for _ in $(seq 10); do run "$java" "${launcher[@]}" "${extra[@]}" -jar "$jar" "$f" | cut -d' ' -f1; done | sort -n)
    echo "  $v median $(echo "$times" | sed -n 5p) s, best $(echo "$times" | head -n 1) s"
  done
}

hosts() { # [ROUNDS]: a central log of 1,000 hosts against one host's logs of the same size and format
  local n=${1:-5}
  local central=$dir/central-1000h-1g-s8.log same=$dir/central-1000h-1g-s8-onehost.log one=$dir/syslog-1g-e14000-s8.log
  gen 8 1G syslog "$central" 1000
  # the same bytes with one host name: the same lines, failures and drives, all on one machine
  [ -f "$same" ] || sed -E 's/^(.{15}) node[0-9]{4} kernel:/\1 node0000 kernel:/' "$central" >"$same"
  # a one-host log of the same size and as many events (1,000 hosts x 14: failures, swaps, reboots...)
  if [ ! -f "$one" ]; then
    echo "generating $one (1G, syslog, seed 8, 14000 events) ..." >&2
    "$java" -cp "$tools" io.jcoro.disklog.gen.LogGenerator --seed 8 --size 1G --format syslog --events 14000 \
        --truth "$one.truth" "$one"
  fi
  cat "$central" "$same" "$one" >/dev/null
  echo "== hosts: bin/disklog --json on a central log of 1,000 hosts interleaved and on one host's logs, $(du -h "$central" | cut -f1) of syslog lines each, $n rounds alternating, medians"
  load
  local rows="" k f r
  for _ in $(seq "$n"); do
    for k in central same one; do
      case $k in central) f=$central ;; same) f=$same ;; one) f=$one ;; esac
      r=$(run bin/disklog --json "$f")
      rows+="$k $r $(stat -c %s "$f") $(grep -c . "$dir/out.txt")"$'\n'
    done
  done
  echo -n "$rows" | awk '
    { w[$1] = w[$1] " " $2; m[$1] = m[$1] " " $3; c[$1] = c[$1] " " ($4 + $5); b[$1] = $6; d[$1] = $7 }
    function median(list,   a, n, i, j, t) { # (mawk has no asort)
      n = split(list, a, " ")
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      return a[int((n + 1) / 2)]
    }
    function row(k, label) {
      printf "  %-58s %5.2f s wall  %5.2f s CPU  %4d MB  %5d drives  %.2f GB/s of CPU\n", label, mw[k], mc[k], mm[k] / 1024, d[k], b[k] / mc[k] / 1e9
    }
    END {
      for (k in w) { mw[k] = median(w[k]); mc[k] = median(c[k]); mm[k] = median(m[k]) }
      row("central", "1,000 hosts interleaved")
      row("same", "the same bytes, one host name (one machine)")
      row("one", "one host, as many events (--events 14000)")
      printf "  per byte, 1,000 hosts against the same bytes as one host: %.2fx CPU, %.2fx wall\n", (mc["central"] / b["central"]) / (mc["same"] / b["same"]), (mw["central"] / b["central"]) / (mw["same"] / b["same"])
      printf "  per byte, 1,000 hosts against one host with as many events: %.2fx CPU, %.2fx wall\n", (mc["central"] / b["central"]) / (mc["one"] / b["one"]), (mw["central"] / b["central"]) / (mw["one"] / b["one"])
    }'
  run bin/disklog --json "$central" >/dev/null
  local want got
  want=$(grep -v '^#' "$central.truth" | awk -F'\t' '{ print $7 "\t" $1 }' | sort -u)
  got=$(grep -o '"host":"[^"]*","hosts":\[[^]]*\],"serial":"[^"]*"' "$dir/out.txt" | sed 's/"host":"\([^"]*\)".*"serial":"\([^"]*\)"/\1\t\2/' | sort -u)
  if [ "$want" = "$got" ]; then
    echo "  answer on the central log: the $(echo "$want" | wc -l) failing drives of the generator's truth, each with its host, no more, no less"
  else
    echo "  answer on the central log: DIFFERS from the generator's truth ($(comm -23 <(echo "$want") <(echo "$got") | wc -l) missing, $(comm -13 <(echo "$want") <(echo "$got") | wc -l) more)"
  fi
  echo "  memory against drives (1 GB logs of 250, 500 and 1,000 hosts; 0.5 GB of 1,000 hosts: as many drives, half the lines):"
  local h
  for h in 250 500 1000; do
    f=$dir/central-${h}h-1g-s8.log
    gen 8 1G syslog "$f" "$h"
    r=$(run bin/disklog --json "$f")
    echo "    $h hosts, 1 GB: max RSS $(( $(echo "$r" | cut -d' ' -f2) / 1024 )) MB, $(grep -c . "$dir/out.txt") failing drives ($(grep -vc '^#' "$f.truth") in the truth)"
  done
  f=$dir/central-1000h-512m-s8.log
  gen 8 512M syslog "$f" 1000
  r=$(run bin/disklog --json "$f")
  echo "    1000 hosts, 0.5 GB: max RSS $(( $(echo "$r" | cut -d' ' -f2) / 1024 )) MB, $(grep -c . "$dir/out.txt") failing drives ($(grep -vc '^#' "$f.truth") in the truth)"
}

compare() { # DIR [ROUNDS]: this build and the build in DIR, alternating, medians; every figure with its baseline
  local base=$1 n=${2:-5}
  [ -x "$base/bin/disklog" ] && [ -f "$base/disklog/target/disklog.jar" ] || { echo "compare: no built checkout in $base" >&2; exit 2; }
  (cd "$base" && bin/disklog data/sample-kern.log >/dev/null 2>&1 || true; bin/disklog --version >/dev/null 2>&1 || true)
  local small=data/sample-kern.log seed100 seed1 dmesg1
  seed100=$(seedlog 100M)
  seed1=$(seedlog 1G)
  dmesg1=$dir/dmesg-1g-s1.log
  gen 1 1G dmesg "$dmesg1"
  cat "$seed100" "$seed1" "$dmesg1" >/dev/null
  echo "== this build ($(git rev-parse --short HEAD)) against $base ($(git -C "$base" rev-parse --short HEAD)), $n rounds alternating, medians"
  load
  local rows=""
  for _ in $(seq "$n"); do
    for b in new old; do
      local bin=bin/disklog
      [ "$b" = old ] && bin=$base/bin/disklog
      rows+="$b start $(run "$bin" "$small")"$'\n'
      rows+="$b parse $(run "$bin" --version "$seed100")"$'\n'
      rows+="$b fixed $(run "$bin" --json "$seed100")"$'\n'
      rows+="$b seed $(run "$bin" --json "$seed1")"$'\n'
      rows+="$b dmesg $(run "$bin" --json "$dmesg1")"$'\n'
    done
    rows+="grep seed $(run grep -c XFS "$seed1")"$'\n'
    rows+="grep dmesg $(run grep -c XFS "$dmesg1")"$'\n'
  done
  local p
  p=$(run python3 scripts/disklog-seed.py "$seed1")
  rows+="python seed $p"$'\n'
  echo -n "$rows" | awk '
    { k = $1 " " $2; w[k] = w[k] " " $3; m[k] = m[k] " " $4; u[k] = u[k] " " ($5 + $6) }
    function median(list,   a, n, i, j, t) { # (mawk has no asort)
      n = split(list, a, " ")
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      return a[int((n + 1) / 2)]
    }
    END {
      split("start parse fixed seed dmesg", what, " ")
      split("bin/disklog data/sample-kern.log|bin/disklog --version seed-100m-s7.log|bin/disklog --json seed-100m-s7.log|bin/disklog --json seed-1g-s7.log|bin/disklog --json dmesg-1g-s1.log", cmd, "|")
      printf "  %-44s %18s %18s %8s\n", "command (wall s, CPU s, max RSS MB)", "this build", "previous build", "ratio"
      for (i = 1; i <= 5; i++) {
        nk = "new " what[i]; ok = "old " what[i]
        printf "  %-44s %5.2f %5.2f %4d  %5.2f %5.2f %4d  %8.2f\n", cmd[i], median(w[nk]), median(u[nk]), median(m[nk]) / 1024,
          median(w[ok]), median(u[ok]), median(m[ok]) / 1024, median(w[nk]) / median(w[ok])
      }
      printf "  grep -c XFS seed-1g-s7.log: %.2f s; grep -c XFS dmesg-1g-s1.log: %.2f s; python3 disklog-seed.py seed-1g-s7.log: %.2f s\n",
        median(w["grep seed"]), median(w["grep dmesg"]), median(w["python seed"])
      printf "  this build: %.2fx grep and %.1fx faster than the seed on seed-1g; %.2fx grep on dmesg-1g\n",
        median(w["new seed"]) / median(w["grep seed"]), median(w["python seed"]) / median(w["new seed"]),
        median(w["new dmesg"]) / median(w["grep dmesg"])
    }'
}

case "$what" in
  throughput) throughput ;;
  memory) memory ;;
  seed) seed ;;
  seed-big) seed 4G ;;
  fixed) fixed ;;
  floor) shift; floor "$@" ;;
  marginal) shift; marginal "$@" ;;
  startup) startup ;;
  hosts) shift; hosts "$@" ;;
  compare) shift; compare "$@" ;;
  all) startup; fixed; throughput; seed; memory ;;
  *) echo "usage: $0 [throughput|memory|seed|seed-big|fixed|floor [SIZE...]|marginal [SIZE SIZE]|startup|hosts [ROUNDS]|compare DIR [ROUNDS]|all]" >&2; exit 2 ;;
esac
