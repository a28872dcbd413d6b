#!/bin/sh
# Run by `./mvnw package` (exec-maven-plugin, after the jar is shaded): writes target/lanes, the
# launcher README's set-up uses, and target/lanes.jsa, an AppCDS archive of the classes a
# representative command loads, so that each short lanes command starts from mapped classes
# instead of reading and verifying them from the jar again.
set -eu
target=$(cd "${1:?usage: make-launcher.sh <target-dir> [java-home]}" && pwd)
# The archive is made with the JVM that builds (Maven's), else the one the launcher would pick.
if [ -n "${2:-}" ] && [ -x "$2/bin/java" ]; then
  java="$2/bin/java"
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
else
  java=java
fi
jar="$target/lanes.jar"
launcher="$target/lanes"
archive="$target/lanes.jsa"

cat >"$launcher" <<'SCRIPT'
#!/bin/sh
# lanes launcher, written by the build next to lanes.jar (see README "Set up").
# A short-lived CLI wants the quick compiler only, the serial collector and the class archive the
# build made; `java -jar lanes.jar` works the same without them.
self=$0
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case $link in /*) self=$link ;; *) self=$(dirname "$self")/$link ;; esac
done
here=$(cd "$(dirname "$self")" && pwd)
java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java; fi
set -- -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$here/lanes.jar" "$@"
if [ -f "$here/lanes.jsa" ]; then
  # -Xshare:auto: an archive that no longer matches the jar (or this JVM) is skipped, silently.
  set -- -XX:SharedArchiveFile="$here/lanes.jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off "$@"
fi
exec "$java" "$@"
SCRIPT
chmod +x "$launcher"

# The representative command: `lanes init`, then `lanes waves` and `lanes status` on the starter
# plan, in a scratch repository; the archive is written when `status` exits.
sample="$target/cds-sample"
rm -rf "$sample" "$archive"
mkdir -p "$sample"
cd "$sample"
git init -q .
"$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" init >/dev/null
"$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" waves >/dev/null
"$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$archive" \
  -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" status >/dev/null
cd "$target"
rm -rf "$sample"
