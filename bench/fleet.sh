#!/usr/bin/env bash
# Times a fleet: rendering and planning 20 hosts of 10,000 users each (docs/fleet.md).
#   bench/fleet.sh [HOSTS] [USERS]     default: 20 10000
# The hosts share one generated estate (bench/generate.py) and differ by an overlay each;
# every host's live tree is a copy of the estate's tree with 1% of its users changed by hand.
# Prints the wall time and peak memory of 'ocsctl fleet plan' and 'ocsctl fleet render' over all
# hosts, of 'ocsctl render' of one host (what the Ansible role runs per host), and of one host's
# plan of its rendered file (what ocsctl_apply runs on the host).
set -euo pipefail
cd "$(dirname "$0")/.."
hosts=${1:-20}
users=${2:-10000}
out=${OUT:-bench/out}/fleet-$hosts-$users
[ -f cli/target/ocsctl.jar ] || mvn -B -q package -DskipTests
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
./ocsctl --version >/dev/null  # creates the class-data archive once, outside the timings

if [ ! -f "$out/fleet.hcl" ]; then
  rm -rf "$out"
  python3 bench/generate.py "$users" "$out/estate" --drift 1
  mkdir -p "$out/shared" "$out/hosts" "$out/live" "$out/rendered"
  cp "$out/estate/desired.yaml" "$out/shared/estate.yaml"
  : > "$out/fleet.hcl"
  for ((i = 1; i <= hosts; i++)); do
    h=$(printf 'h%02d' "$i")
    printf 'host "%s" {\n  files = ["shared"]\n}\n' "$h" >> "$out/fleet.hcl"
    printf 'server {\n  settings = {\n    "default-domain" = "%s.example.com"\n  }\n}\n' "$h" > "$out/hosts/$h.hcl"
    cp -a "$out/estate/live" "$out/live/$h"
    cp examples/basic/live/etc/ocserv/server-*.pem "$out/live/$h/etc/ocserv/"
  done
fi

t() { /usr/bin/time -f "%e s, %M KB peak" -o /tmp/ocsctl-fleet-time "$@" > /dev/null 2>/tmp/ocsctl-fleet-err || {
  rc=$?; [ $rc -eq 2 ] || { echo "bench: '$*' failed ($rc):" >&2; cat /tmp/ocsctl-fleet-err >&2; exit 1; }; }
  tail -1 /tmp/ocsctl-fleet-time; }

echo "fleet plan, $hosts hosts x $users users: $(t ./ocsctl fleet plan -f "$out" -live "$out/live" -detailed-exitcode)"
echo "fleet render, $hosts hosts x $users users: $(t ./ocsctl fleet render -f "$out" -o "$out/rendered" -format yaml)"
echo "render of one host: $(t ./ocsctl render -f "$out" -host h01 -o "$out/rendered/h01.yaml")"
echo "one host's plan of its rendered file: $(t ./ocsctl plan -f "$out/rendered/h01.yaml" --root "$out/live/h01" -detailed-exitcode)"
