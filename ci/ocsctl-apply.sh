#!/usr/bin/env bash
# Applies, after merge, the plan that was reviewed on the pull request, and nothing else:
#   1. the plan file must be the one whose sha256 the review comment showed (OCSCTL_EXPECTED_SHA256,
#      from 'ocsctl-comment.py reviewed'): a replaced artifact is refused here;
#   2. 'ocsctl apply -f DESIRED PLANFILE' plans again from the merged desired state and the server,
#      and applies only when that is the saved plan exactly: a plan changed since review (the server
#      or the desired state changed, the file was edited) is refused (docs/security.md).
#   OCSCTL, OCSCTL_DESIRED, OCSCTL_ROOT as for ocsctl-plan.sh; OCSCTL_PLAN_FILE (required);
#   OCSCTL_EXPECTED_SHA256 (required unless OCSCTL_SKIP_REVIEW_CHECK=1); OCSCTL_AUTHOR (history author)
set -uo pipefail
set -f  # OCSCTL_ARGS is split into words, never globbed (-target=user["bob"] has brackets)
ocsctl=${OCSCTL:-ocsctl}
desired=${OCSCTL_DESIRED:?OCSCTL_DESIRED: the desired-state file or directory}
root=${OCSCTL_ROOT:-/}
plan=${OCSCTL_PLAN_FILE:?OCSCTL_PLAN_FILE: the reviewed plan}
if [ ! -f "$plan" ]; then
  echo "error: the reviewed plan $plan is missing; nothing was applied" >&2
  exit 1
fi
if [ "${OCSCTL_SKIP_REVIEW_CHECK:-}" != 1 ]; then
  expected=${OCSCTL_EXPECTED_SHA256:-}
  actual=$(sha256sum "$plan" | cut -d' ' -f1)
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    echo "error: $plan is not the plan reviewed on the pull request (sha256 $actual; the review showed ${expected:-none}); nothing was applied" >&2
    echo "  = fix: run the plan job again on the pull request, review the new plan, and merge again" >&2
    exit 1
  fi
fi
args=(apply -f "$desired" --root "$root")
if [ -n "${OCSCTL_AUTHOR:-}" ]; then args+=(-author "$OCSCTL_AUTHOR"); fi
# shellcheck disable=SC2086
$ocsctl "${args[@]}" ${OCSCTL_ARGS:-} "$plan"
