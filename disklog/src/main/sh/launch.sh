# The part of disklog's launcher that bin/disklog (in the repository) and the installed distribution's bin/disklog
# share: JVM options chosen from the input's size, the start-up cache, the terminals, the JVM's notices on stderr.
# Sourced, with these set by the caller (bash, set -euo pipefail):
#   jar         disklog.jar                       jdk        the Java home that runs it
#   directives  c2-directives.json                cachedir   where the start-up caches are (made if writable)
#   sample      a small log to train the cache on jdkstamp   a file newer than the cache when the JDK changed, or ""
#   training_logs DIR   a function that may put more logs to train on in DIR
# DISKLOG_DRY_RUN=1 prints the choice (one "key: value" line each) instead of running; LauncherTest runs every branch.
dry=${DISKLOG_DRY_RUN:-}

# Start-up: a small log is read in a fraction of a second, so the JVM's start dominates. A cache of the classes
# disklog loads, made by a training run on the bundled sample log when the jar is new (an AOT cache on JDK 25+,
# JEP 483/514/515: classes loaded and linked, with profiles; a class-data archive before), the serial GC and, for
# small files, the C1 compiler alone cut it; C2 is kept for big files and standard input: it is what makes big
# inputs fast. See docs/performance-disklog.md for the measurements.
# -Xmn32m: a small young generation. What disklog keeps is small (a few MB for thousands of drives) and what it
# throws away is short-lived; the default young generation (a quarter of the initial heap, 1/64 of the RAM) only
# grows the RSS, and measured slower (docs/performance-disklog.md).
opts=(-XX:+UseSerialGC -Xmn32m -Djcoro.backend=continuation --enable-native-access=ALL-UNNAMED)
small=1
follow=0
total=-1 # bytes in the named files; -1 for standard input
files=()
named=0 # a log named on the command line (with none, or with '-', standard input is read)
dash=0
value=0 # the next argument is an option's value (--inventory CSV), not a log
quick=0 # --help or --version: answered before any log is read; never waits for the start-up cache
width=0 # the user chose a table width
# the options that take a value, as Cli defines them (LauncherTest keeps the two lists equal)
valued=" --inventory --sysfs-root --poll --host --width "
for a in "$@"; do
  if [ "$value" = 1 ]; then
    value=0
    continue
  fi
  case "$a" in
    -f|--follow) small=0; follow=1 ;;
    -h|--help|-V|--version) quick=1 ;;
    --width|--width=*) width=1 ;;
    --*=*) ;;
    -*) if [[ "$valued" == *" $a "* ]]; then value=1; fi ;;
    -) dash=1 ;;
    *) named=1; [ -f "$a" ] && files+=("$a") ;;
  esac
done
if [ "$quick" = 1 ]; then
  total=0 # nothing is read: the command line is answered at once
elif [ "$small" = 1 ] && [ "$named" = 1 ] && [ "$dash" = 0 ]; then
  total=0
  for size in $(stat -L -c %s -- "${files[@]}" 2>/dev/null); do
    total=$((total + size))
  done
  [ "$total" -lt $((64 << 20)) ] || small=0
else
  small=0 # standard input: its size is not known, and C2 costs only ~0.05 s more on a small one
fi
if [ "$small" = 1 ]; then
  opts+=(-XX:TieredStopAtLevel=1)
fi

# Inputs of 2 GB or more (and standard input, whose size is unknown) get the JDK's vector API for the newline
# search: faster per byte once compiled, but with the module the start-up cache holds no archived heap, and that,
# with C2's longer compile, costs about a quarter of a second per run, so on a 1 GB file the SWAR search finishes
# first (docs/performance-disklog.md). It is an incubator module, and the JVM says so on
# stderr at every start; that one line is dropped below and everything else on stderr passes through as it comes.
# DISKLOG_NO_VECTOR=1 turns this off; DISKLOG_VECTOR_MIN_MB moves the threshold (for measurements).
vector=0
if [ "$small" = 0 ] && [ "$follow" = 0 ] && [ -z "${DISKLOG_NO_VECTOR:-}" ] \
   && { [ "$total" -lt 0 ] || [ "$total" -ge $((${DISKLOG_VECTOR_MIN_MB:-2048} << 20)) ]; } \
   && grep -q 'jdk\.incubator\.vector' "$jdk/release" 2>/dev/null; then
  vector=1
  opts+=(--add-modules jdk.incubator.vector)
fi

# Big inputs: C2 for the byte scan only (disklog/src/main/jvm/c2-directives.json); the JVM's one line about the
# directives goes to stderr, where it is dropped below. DISKLOG_ALL_C2=1 turns this off.
jit=(-XX:+UnlockDiagnosticVMOptions -XX:+DisplayVMOutputToStderr "-XX:CompilerDirectivesFile=$directives")
directives=0
if [ "$small" = 0 ] && [ "$follow" = 0 ] && [ -z "${DISKLOG_ALL_C2:-}" ]; then
  directives=1
fi

# The start-up cache, one per set of modules (the JVM refuses a cache made with other --add-modules).
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release" 2>/dev/null || true)
name=disklog
[ "$vector" = 1 ] && name=disklog-vector
if [ "${feature:-0}" -ge 25 ]; then
  cache=$cachedir/$name.aot
  cacheopt=(-XX:AOTCache="$cache" -Xlog:aot=off -Xlog:cds=off)
  trainopt=-XX:AOTCacheOutput
else
  cache=$cachedir/$name.jsa
  cacheopt=(-XX:SharedArchiveFile="$cache" -Xlog:cds=off -Xlog:cds+dynamic=off)
  trainopt=-XX:ArchiveClassesAtExit
fi
# (remade when the jar is newer, or the JDK: the JVM ignores a cache made by another build of itself)
prepare="if missing or stale"
[ "$quick" = 1 ] && prepare="not for --help or --version"
if [ "$quick" = 0 ] && { [ ! -f "$cache" ] || [ "$jar" -nt "$cache" ] || { [ -n "$jdkstamp" ] && [ "$jdkstamp" -nt "$cache" ]; }; } \
   && [ -f "$sample" ] && [ -w "$cachedir" ] && [ -z "${DISKLOG_NO_CACHE:-}" ] && [ -z "$dry" ]; then
  # The training run: what the sample makes disklog load is what a run on any log loads. Made under another name
  # and moved into place, so that two launchers at once do not read a half-written cache.
  echo "disklog: preparing the start-up cache (once per build, about ten seconds) ..." >&2
  tmp=$cache.$$
  train=()
  for o in "${opts[@]}"; do
    [ "$o" = -XX:TieredStopAtLevel=1 ] || train+=("$o") # trained with both compilers, used with either
  done
  train+=("${jit[@]}") # as big inputs run: the profiles then say which methods C2 compiles
  logs=$(mktemp -d "${TMPDIR:-/tmp}/disklog-train.XXXXXX")
  cp "$sample" "$logs/sample.log"
  training_logs "$logs" # more logs to train on, if the caller has them
  "$jdk/bin/java" "${train[@]}" "$trainopt=$tmp" -jar "$jar" --json "$logs"/*.log >/dev/null 2>&1 || true
  rm -rf "$logs"
  if [ -s "$tmp" ]; then
    mv -f "$tmp" "$cache" || true
  fi
  rm -f "$tmp" "$tmp.config"
fi
if { [ -f "$cache" ] || [ -n "$dry" ]; } && [ -z "${DISKLOG_NO_CACHE:-}" ]; then
  opts+=("${cacheopt[@]}")
fi
if [ "$directives" = 1 ]; then
  opts+=("${jit[@]}")
fi
# DISKLOG_JAVA_OPTS: more JVM options, after these (e.g. -Xmx2g for a log with tens of thousands of failing drives)
read -r -a extra <<<"${DISKLOG_JAVA_OPTS:-}"
args=("$@")
# only the launcher can see the terminals: progress is drawn on stderr's; the table fits stdout's width
if [ -t 1 ] && [ "$width" = 0 ]; then
  cols=$(stty size </dev/tty 2>/dev/null | cut -d' ' -f2 || true)
  [[ "$cols" =~ ^[0-9]+$ ]] && args=(--width "$cols" "${args[@]}")
fi
if [ -t 2 ]; then
  args=(--stderr-is-terminal "${args[@]}")
fi
if [ -n "$dry" ]; then
  echo "options with values:$valued"
  echo "input bytes: $total"
  echo "start-up cache preparation: $prepare"
  for o in "${opts[@]}" "${extra[@]}"; do echo "jvm: $o"; done
  for a in "${args[@]}"; do echo "arg: $a"; done
  exit 0
fi

if [ "$vector" = 1 ] || [ "$directives" = 1 ]; then
  # The JVM's notices about the options above come first on stderr, one line each: drop those two, pass the rest
  drop_jvm_notices() {
    local line n=0
    while [ "$n" -lt 2 ] && IFS= read -r line; do
      n=$((n + 1))
      case $line in
        "WARNING: Using incubator modules: jdk.incubator.vector" | [0-9]*" compiler directives added") ;;
        *) printf '%s\n' "$line"; exec cat ;;
      esac
    done
    if [ "$n" -lt 2 ]; then
      [ -z "${line:-}" ] || printf '%s' "$line" # a last line without a newline
      return 0
    fi
    exec cat
  }
  # stdout stays the caller's (fd 3); only stderr goes through the filter; the status is java's
  set +e
  { "$jdk/bin/java" "${opts[@]}" "${extra[@]}" -jar "$jar" "${args[@]}" 2>&1 >&3 3>&- | drop_jvm_notices >&2 3>&-
    status=${PIPESTATUS[0]}; } 3>&1
  exit "$status"
fi
exec "$jdk/bin/java" "${opts[@]}" "${extra[@]}" -jar "$jar" "${args[@]}"
