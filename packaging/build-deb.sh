#!/usr/bin/env bash
# Builds dist/ocsctl_<version>_amd64.deb and dist/ocsctl-<version>-linux-amd64.tar.gz from the shaded
# jar: a Java runtime of its own made with jlink (the host needs no JDK), the class-data archive
# recorded here at build time (no training run on the server), /usr/bin/ocsctl, a man page and bash
# completion generated from the command line model, systemd units for the drift check and the
# boot-time recovery, the licence and the changelog. Run by 'mvn -B -Pdeb package -DskipTests'.
#   packaging/build-deb.sh VERSION JAR OUTDIR
set -euo pipefail
version=$1; jar=$2; out=$3
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
for tool in jlink jdeps dpkg-deb help2man gzip; do
  command -v "$tool" >/dev/null || { echo "build-deb: $tool is missing (Debian: apt-get install openjdk-17-jdk dpkg help2man)" >&2; exit 1; }
done
# Debian orders 0.1.0~snapshot before 0.1.0, as Maven orders 0.1.0-SNAPSHOT
debversion=${version/-SNAPSHOT/\~snapshot}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
stage="$work/ocsctl_${debversion}_amd64"
lib="$stage/usr/lib/ocsctl"
mkdir -p "$lib" "$stage/usr/bin" "$stage/DEBIAN" "$stage/usr/share/man/man1" \
  "$stage/usr/share/bash-completion/completions" "$stage/usr/lib/systemd/system" \
  "$stage/usr/share/doc/ocsctl" "$stage/etc/default"

# the runtime: only the modules the jar uses; no desktop modules (no X11/ALSA libraries needed)
# java.desktop is left out: only Jackson's optional java.beans support names it, and it would bring
# the AWT and sound libraries (X11, ALSA) onto a headless server
modules=$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps "$jar" | tr ',' '\n' \
  | grep -vx java.desktop | paste -sd,)
modules="$modules,jdk.crypto.ec,jdk.zipfs"
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --generate-cds-archive --output "$lib/runtime"
cp "$jar" "$lib/ocsctl.jar"
install -m 0755 "$here/ocsctl.launcher" "$stage/usr/bin/ocsctl"

# the class-data archive of the common commands, recorded once here with the bundled runtime
opts="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss16m -Xlog:cds=off -Xlog:cds+dynamic=off"
(cd "$work" && timeout 300 "$lib/runtime/bin/java" $opts -XX:ArchiveClassesAtExit="$lib/ocsctl.jsa" \
  -cp "$lib/ocsctl.jar" io.ocsctl.cli.CdsTraining >/dev/null 2>&1) || rm -f "$lib/ocsctl.jsa"
[ -s "$lib/ocsctl.jsa" ] || { echo "build-deb: the class-data training run failed" >&2; exit 1; }

# man page and completion from the command line model (picocli's help and AutoComplete)
run="$stage/usr/bin/ocsctl"
OCSCTL_HOME="$lib" help2man --no-info --section=1 --name="plan and apply ocserv configuration" \
  --version-string="$version" --include="$here/man-extra.h2m" "$run" > "$work/ocsctl.1"
gzip -9n < "$work/ocsctl.1" > "$stage/usr/share/man/man1/ocsctl.1.gz"
OCSCTL_HOME="$lib" "$run" generate-completion > "$stage/usr/share/bash-completion/completions/ocsctl"

# the CI scripts of the GitHub Action and the GitLab template (docs/ci.md)
install -d "$stage/usr/share/ocsctl/ci"
install -m 0755 "$top"/ci/ocsctl-*.sh "$top"/ci/ocsctl-comment.py "$stage/usr/share/ocsctl/ci/"
install -m 0644 "$top/ci/gitlab/ocsctl.gitlab-ci.yml" "$stage/usr/share/ocsctl/ci/"
install -m 0644 "$here"/systemd/*.service "$here"/systemd/*.timer "$stage/usr/lib/systemd/system/"
install -m 0644 "$here/default" "$stage/etc/default/ocsctl"
install -m 0644 "$top/LICENSE" "$stage/usr/share/doc/ocsctl/copyright"
gzip -9n < "$top/CHANGELOG.md" > "$stage/usr/share/doc/ocsctl/changelog.gz"
size=$(du -sk "$stage" | cut -f1)
sed -e "s/@VERSION@/$debversion/" -e "s/@SIZE@/$size/" "$here/control" > "$stage/DEBIAN/control"
echo /etc/default/ocsctl > "$stage/DEBIAN/conffiles"
install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$stage/DEBIAN/"

mkdir -p "$out"
dpkg-deb -Zgzip --root-owner-group --build "$stage" "$out/ocsctl_${debversion}_amd64.deb" >/dev/null
tar --owner=0 --group=0 -czf "$out/ocsctl-${version}-linux-amd64.tar.gz" -C "$stage" --exclude=./DEBIAN .
echo "$out/ocsctl_${debversion}_amd64.deb"
