#!/usr/bin/python3
# -*- coding: utf-8 -*-
# ocsctl_apply: plan or apply an ocsctl desired state on the managed host (docs/fleet.md).

DOCUMENTATION = r"""
module: ocsctl_apply
short_description: Plan (check mode) or apply an ocsctl desired state on this host
description:
  - Runs C(ocsctl) on the managed host. In check mode it runs C(ocsctl plan) and reports
    C(changed) with the plan as the diff (each file's unified diff; ocsctl masks password
    hashes). Otherwise it runs C(ocsctl apply -auto-approve), which validates with
    C(ocserv -t), writes the files atomically, reloads the running ocserv and records the history.
  - A failure of ocsctl (invalid desired state, C(ocserv -t) refusing the configuration, a
    refused restart) is a failure of the task, with ocsctl's own message.
options:
  desired:
    description: Path on the host of the desired-state file (the host's rendered state).
    type: path
    required: true
  content:
    description:
      - The desired state's text. In check mode it is planned from a private temporary file
        instead of I(desired), which a check run has not written yet. Never logged.
    type: str
  root:
    description: The server's filesystem prefix (ocsctl --root).
    type: path
    default: /
  config:
    description: Path of ocserv.conf inside the root (ocsctl --config).
    type: str
  state_dir:
    description: ocsctl's state directory (default ROOT/var/lib/ocsctl).
    type: path
  ocsctl:
    description: The ocsctl command on the host (the package installs /usr/bin/ocsctl).
    type: str
    default: ocsctl
  allow_restart:
    description: Let apply restart ocserv when a change needs it (ocsctl -allow-restart).
    type: bool
    default: false
"""

RETURN = r"""
summary:
  description: ocsctl's summary line, e.g. "Plan: 1 to add, 0 to change, 0 to destroy."
  type: str
plan:
  description: The plan as ocsctl prints it (-json format, docs/plan.schema.json).
  type: dict
"""

import json
import os
import shutil
import tempfile

from ansible.module_utils.basic import AnsibleModule


def base_args(module, desired):
    p = module.params
    args = [p["ocsctl"]]
    target = ["-f", desired, "--root", p["root"]]
    if p["config"]:
        target += ["--config", p["config"]]
    if p["state_dir"]:
        target += ["--state-dir", p["state_dir"]]
    return args, target


def run(module, argv):
    env = {"NO_COLOR": "1"}
    rc, out, err = module.run_command(argv, environ_update=env)
    return rc, out, err


def fail(module, what, rc, out, err):
    message = (err or "").strip() or (out or "").strip() or ("exit code %d" % rc)
    module.fail_json(msg="ocsctl %s failed: %s" % (what, message), rc=rc, stdout=out, stderr=err)


def plan(module, desired):
    args, target = base_args(module, desired)
    rc, out, err = run(module, args + ["plan"] + target + ["-json", "-detailed-exitcode"])
    if rc not in (0, 2):
        fail(module, "plan", rc, out, err)
    try:
        return json.loads(out)
    except ValueError:
        module.fail_json(msg="ocsctl plan printed no JSON plan", stdout=out, stderr=err)


def diffs(result):
    out = []
    for f in result.get("file_changes", []):
        out.append({"prepared": f.get("diff", "")})
    lines = result.get("side_effects", [])
    if lines:
        out.append({"prepared": "Apply will also:\n" + "".join("- %s\n" % l for l in lines)})
    return out


def main():
    module = AnsibleModule(
        argument_spec=dict(
            desired=dict(type="path", required=True),
            content=dict(type="str", no_log=True),
            root=dict(type="path", default="/"),
            config=dict(type="str"),
            state_dir=dict(type="path"),
            ocsctl=dict(type="str", default="ocsctl"),
            allow_restart=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    p = module.params
    if module.check_mode:
        desired = p["desired"]
        scratch = None
        if p["content"] is not None:
            # a check run writes nothing: the new state is planned from a private temporary copy
            scratch = tempfile.mkdtemp(prefix="ocsctl-check-")
            name = "desired.yaml" if p["desired"].endswith((".yaml", ".yml")) else "desired.hcl"
            desired = os.path.join(scratch, name)
            fd = os.open(desired, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(p["content"] if p["content"].endswith("\n") else p["content"] + "\n")
        try:
            result = plan(module, desired)
        finally:
            if scratch:
                shutil.rmtree(scratch, ignore_errors=True)
        summary = result.get("summary", {})
        module.exit_json(
            changed=bool(summary.get("has_changes")),
            summary=summary.get("text", ""),
            plan=result,
            diff=diffs(result),
        )

    result = plan(module, p["desired"])
    summary = result.get("summary", {})
    if not summary.get("has_changes"):
        module.exit_json(changed=False, summary=summary.get("text", ""), plan=result)
    args, target = base_args(module, p["desired"])
    extra = ["-allow-restart"] if p["allow_restart"] else []
    rc, out, err = run(module, args + ["apply"] + target + ["-auto-approve", "-no-color"] + extra)
    if rc != 0:
        fail(module, "apply", rc, out, err)
    module.exit_json(
        changed=True,
        summary=summary.get("text", ""),
        plan=result,
        diff=diffs(result),
        stdout=out,
    )


if __name__ == "__main__":
    main()
