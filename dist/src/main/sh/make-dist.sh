#!/usr/bin/env bash
# Makes disklog's distribution: a directory a technician can copy to a machine and run, with nothing else
# installed (no JDK, no Maven, no repository):
#   disklog-VERSION/bin/disklog               the launcher (readlink-safe: /usr/bin/disklog may link to it)
#   disklog-VERSION/runtime/                  a Java runtime made by jlink: java.base, java.xml, jdk.incubator.vector
#   disklog-VERSION/lib/                      disklog.jar, the launcher's shared part, c2-directives.json, start-up caches
#   disklog-VERSION/share/disklog/            the sample log
#   disklog-VERSION/share/doc/disklog/        disklog.md, kernel-messages.md
# packed as disklog-VERSION-linux-ARCH.tar.gz, and as disklog_VERSION_ARCH.deb (into /opt/disklog, with
# /usr/bin/disklog) where dpkg-deb exists. Without jlink (a JRE, not a JDK), or with a JDK whose modules cannot be
# linked, it says so and makes nothing; InstalledIT then skips, saying why.
#   make-dist.sh JAVA_HOME REPOSITORY OUT VERSION         (run by dist/pom.xml at package)
set -euo pipefail
jdk=$1
repo=$(cd "$2" && pwd)
out=$3
version=$4
name=disklog-$version
image=$out/$name
jar=$repo/disklog/target/disklog.jar
say() { echo "disklog dist: $*"; }

if [ ! -f "$jar" ]; then
  say "no $jar: build the disklog module first" >&2
  exit 1
fi
rm -rf "$image" "$out"/disklog-*.tar.gz "$out"/disklog_*.deb "$out/deb" "$out/.no-dist"
mkdir -p "$out"
nodist() {
  say "$1: no distribution made"
  echo "$1" >"$out/.no-dist" # for InstalledIT, which skips and says why
  exit 0
}
[ -x "$jdk/bin/jlink" ] || nodist "no jlink in $jdk (a JDK makes the runtime, a JRE cannot)"
modules=java.base,java.xml,jdk.incubator.vector
if ! "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
     --output "$image/runtime" >"$out/jlink.log" 2>&1; then
  nodist "jlink failed ($(grep -v '^WARNING: Using incubator' "$out/jlink.log" | head -n 1))"
fi
mkdir -p "$image/bin" "$image/lib" "$image/share/disklog" "$image/share/doc/disklog"
cp "$jar" "$repo/disklog/src/main/jvm/c2-directives.json" "$repo/disklog/src/main/sh/launch.sh" "$image/lib/"
cp "$repo/dist/src/main/sh/disklog" "$image/bin/disklog"
chmod 755 "$image/bin/disklog"
cp "$repo/data/sample-kern.log" "$image/share/disklog/"
cp "$repo/docs/disklog.md" "$repo/docs/kernel-messages.md" "$image/share/doc/disklog/"

# The start-up caches (a file run and a standard-input run each make theirs), trained as bin/disklog trains
# them: on the sample and on two generated logs big enough to be read in parallel and get the scan hot.
train=$(mktemp -d "${TMPDIR:-/tmp}/disklog-dist.XXXXXX")
for format in dmesg seed; do
  "$jdk/bin/java" -XX:+UseSerialGC -cp "$repo/tools/target/classes" io.jcoro.disklog.gen.LogGenerator --seed 5 \
      --size 72M --format "$format" "$train/$format.log" >/dev/null
done
DISKLOG_TRAINING_LOGS=$train "$image/bin/disklog" "$image/share/disklog/sample-kern.log" >/dev/null 2>&1 || true
DISKLOG_TRAINING_LOGS=$train "$image/bin/disklog" - <"$image/share/disklog/sample-kern.log" >/dev/null 2>&1 || true
rm -rf "$train"
caches=("$image"/lib/*.aot "$image"/lib/*.jsa)
[ -e "${caches[0]}" ] || [ -e "${caches[1]}" ] || say "no start-up cache could be made (the runs will be slower)"

arch=$(uname -m)
tar -C "$out" -czf "$out/$name-linux-$arch.tar.gz" "$name"
say "$out/$name-linux-$arch.tar.gz"

if command -v dpkg-deb >/dev/null; then
  debarch=$(dpkg --print-architecture 2>/dev/null || echo "$arch")
  debversion=${version//-/\~} # 0.1.0-SNAPSHOT sorts before 0.1.0 as 0.1.0~SNAPSHOT
  root=$out/deb
  mkdir -p "$root/opt" "$root/usr/bin" "$root/DEBIAN"
  cp -a "$image" "$root/opt/disklog"
  ln -s /opt/disklog/bin/disklog "$root/usr/bin/disklog"
  cat >"$root/DEBIAN/control" <<CONTROL
Package: disklog
Version: $debversion
Architecture: $debarch
Maintainer: jcoro <jcoro@localhost>
Section: admin
Priority: optional
Description: serial numbers of failing drives, from kernel logs
 Reads kernel logs (dmesg, kern.log, journalctl, central syslog files and host
 trees, rotated and compressed) and reports each failing drive by serial
 number, host, model, device and address. Ships its own Java runtime.
CONTROL
  # (gzip: xz takes minutes on the runtime's 100 MB, for a package a third smaller)
  dpkg-deb --root-owner-group -Zgzip --build "$root" "$out/disklog_${debversion}_$debarch.deb" >/dev/null
  rm -rf "$root"
  say "$out/disklog_${debversion}_$debarch.deb"
else
  say "no dpkg-deb on this machine: no .deb made (the .tar.gz has everything)"
fi
