#!/usr/bin/env bash
# Runs 'ocsctl plan' ONCE for a pull request: Markdown split into comment-sized parts, the exit code
# of -detailed-exitcode, and the plan saved with -out for the apply after merge.
#   OCSCTL            the command (default: ocsctl)
#   OCSCTL_DESIRED    -f: the desired-state file or directory (required)
#   OCSCTL_ROOT       --root (default /)
#   OCSCTL_PLAN_FILE  where the plan is saved (default: $OCSCTL_OUT/ocsctl.plan)
#   OCSCTL_SPLIT      characters per Markdown part (default 60000: GitHub takes 65,536 per comment)
#   OCSCTL_OUT        where the parts, stderr and the exit code go (default $RUNNER_TEMP/ocsctl-plan)
#   OCSCTL_ARGS       more plan arguments, split at spaces (e.g. -target 'user["bob"]' needs no space)
# Secrets the desired state reads come from the environment the job gives (env:), never from here.
# Exits 0 whatever the plan did (the comment must be posted first); the exit code is in
# $OCSCTL_OUT/exitcode and in $GITHUB_OUTPUT (exitcode, has-changes, plan-file, plan-sha256, out).
set -uo pipefail
set -f  # OCSCTL_ARGS is split into words, never globbed (-target=user["bob"] has brackets)
ocsctl=${OCSCTL:-ocsctl}
desired=${OCSCTL_DESIRED:?OCSCTL_DESIRED: the desired-state file or directory}
root=${OCSCTL_ROOT:-/}
out=${OCSCTL_OUT:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/ocsctl-plan}
split=${OCSCTL_SPLIT:-60000}
rm -rf "$out" && mkdir -p "$out" || exit 1
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
desired=$(abs "$desired"); root=$(abs "$root"); out=$(cd "$out" && pwd)
plan=$(abs "${OCSCTL_PLAN_FILE:-$out/ocsctl.plan}")
rm -f "$plan"
# shellcheck disable=SC2086 # OCSCTL_ARGS is a list of words on purpose
(cd "$out" && $ocsctl plan -f "$desired" --root "$root" -no-color -markdown -markdown-split "$split" \
  -detailed-exitcode -out "$plan" ${OCSCTL_ARGS:-} > "$out/parts.txt" 2> "$out/stderr.txt")
code=$?
echo "$code" > "$out/exitcode"
sha=""
if [ "$code" != 1 ] && [ -f "$plan" ]; then
  sha=$(sha256sum "$plan" | cut -d' ' -f1)
  echo "$sha" > "$out/plan.sha256"
fi
cat "$out/stderr.txt" >&2
echo "ocsctl plan exited $code" >&2
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exitcode=$code"
    echo "has-changes=$([ "$code" = 2 ] && echo true || echo false)"
    echo "plan-file=$plan"
    echo "plan-sha256=$sha"
    echo "out=$out"
  } >> "$GITHUB_OUTPUT"
fi
exit 0
