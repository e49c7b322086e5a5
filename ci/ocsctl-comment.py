#!/usr/bin/env python3
"""Posts ocsctl's plan on a pull request (GitHub) or merge request (GitLab), and finds the reviewed
plan again after merge. Python 3 standard library only.

  ocsctl-comment.py post      after ocsctl-plan.sh: creates or updates ONE comment, found by its
                              hidden marker (and author), with the plan's first Markdown part, or
                              the error text when the plan failed; further parts of a long plan go
                              into extra comments, updated the same way, and parts left from a longer
                              earlier plan are deleted.
  ocsctl-comment.py reviewed  after merge: finds the pull request of the merged commit and the plan
                              comment on it, and writes run-id, sha256 and pr to $GITHUB_OUTPUT
                              (refuses when the reviewed plan failed or there is none).

Environment (GitHub): GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_RUN_ID, GITHUB_SHA,
GITHUB_EVENT_PATH (the pull request's number), or OCSCTL_PR. GitLab (OCSCTL_FORGE=gitlab, or
GITLAB_CI set): CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID, OCSCTL_GITLAB_TOKEN (a token with
the api scope), CI_JOB_ID, CI_COMMIT_SHA. Both: OCSCTL_OUT (ocsctl-plan.sh's directory), OCSCTL_ID
(names the comment, for several plans in one pull request), OCSCTL_COMMENT_AUTHOR (whose comments
are ours: github-actions[bot] by default on GitHub, the token's user on GitLab).

Nothing here prints or posts a secret: the comment holds ocsctl's own Markdown (hashes masked by
ocsctl) or its error text, and the token is only ever sent in a header.
"""

import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

MARKER = re.compile(r"<!-- ocsctl-plan id=(\S+) part=(\d+) -->")
META = re.compile(r"<!-- ocsctl-plan-meta (\{.*?\}) -->")
LIMIT = 65000  # GitHub refuses a comment over 65,536 characters


def fail(message):
    print("ocsctl-comment: " + message, file=sys.stderr)
    sys.exit(1)


class Forge:
    """The few REST calls both forges need: list, create, update and delete notes on one review."""

    def __init__(self):
        self.gitlab = os.environ.get("OCSCTL_FORGE") == "gitlab" or (
            "OCSCTL_FORGE" not in os.environ and bool(os.environ.get("GITLAB_CI"))
        )
        if self.gitlab:
            self.api = os.environ.get("CI_API_V4_URL", "").rstrip("/")
            self.project = urllib.parse.quote(os.environ.get("CI_PROJECT_ID", ""), safe="")
            token = os.environ.get("OCSCTL_GITLAB_TOKEN", "")
            self.headers = {"PRIVATE-TOKEN": token}
            if not (self.api and self.project and token):
                fail("set CI_API_V4_URL, CI_PROJECT_ID and OCSCTL_GITLAB_TOKEN (api scope)")
        else:
            self.api = os.environ.get("GITHUB_API_URL", "https://api.github.com").rstrip("/")
            self.repo = os.environ.get("GITHUB_REPOSITORY", "")
            token = os.environ.get("GITHUB_TOKEN", "")
            self.headers = {
                "Authorization": "Bearer " + token,
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
            }
            if not (self.repo and token):
                fail("set GITHUB_REPOSITORY and GITHUB_TOKEN (the action passes github.token)")

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.api + path, data=data, method=method)
        for name, value in self.headers.items():
            request.add_header(name, value)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode("utf-8")
                return json.loads(text) if text.strip() else None
        except urllib.error.HTTPError as e:
            fail("%s %s: HTTP %d %s" % (method, path.split("?")[0], e.code, e.reason))
        except urllib.error.URLError as e:
            fail("%s %s: %s" % (method, path.split("?")[0], e.reason))

    def pages(self, path):
        out, page = [], 1
        while True:
            sep = "&" if "?" in path else "?"
            batch = self.call("GET", "%s%sper_page=100&page=%d" % (path, sep, page)) or []
            out.extend(batch)
            if len(batch) < 100:
                return out
            page += 1

    def author(self):
        configured = os.environ.get("OCSCTL_COMMENT_AUTHOR")
        if configured:
            return configured
        if self.gitlab:
            return self.call("GET", "/user")["username"]
        return "github-actions[bot]"

    # notes of one review: (id, author, body)
    def notes(self, review):
        if self.gitlab:
            path = "/projects/%s/merge_requests/%s/notes" % (self.project, review)
            return [(n["id"], n["author"]["username"], n["body"]) for n in self.pages(path)]
        path = "/repos/%s/issues/%s/comments" % (self.repo, review)
        return [(c["id"], c["user"]["login"], c["body"]) for c in self.pages(path)]

    def create(self, review, body):
        if self.gitlab:
            path = "/projects/%s/merge_requests/%s/notes" % (self.project, review)
        else:
            path = "/repos/%s/issues/%s/comments" % (self.repo, review)
        return self.call("POST", path, {"body": body})["id"]

    def update(self, review, note, body):
        if self.gitlab:
            self.call("PUT", "/projects/%s/merge_requests/%s/notes/%s" % (self.project, review, note),
                      {"body": body})
        else:
            self.call("PATCH", "/repos/%s/issues/comments/%s" % (self.repo, note), {"body": body})

    def delete(self, review, note):
        if self.gitlab:
            self.call("DELETE", "/projects/%s/merge_requests/%s/notes/%s" % (self.project, review, note))
        else:
            self.call("DELETE", "/repos/%s/issues/comments/%s" % (self.repo, note))

    def review_of_commit(self, sha):
        if self.gitlab:
            found = self.call("GET", "/projects/%s/repository/commits/%s/merge_requests"
                              % (self.project, sha)) or []
            return found[0]["iid"] if found else None
        found = self.call("GET", "/repos/%s/commits/%s/pulls" % (self.repo, sha)) or []
        return found[0]["number"] if found else None

    def review(self):
        if os.environ.get("OCSCTL_PR"):
            return os.environ["OCSCTL_PR"]
        if self.gitlab:
            return os.environ.get("CI_MERGE_REQUEST_IID") or fail("no merge request (CI_MERGE_REQUEST_IID)")
        event = os.environ.get("GITHUB_EVENT_PATH")
        if event and os.path.isfile(event):
            with open(event, encoding="utf-8") as f:
                number = (json.load(f).get("pull_request") or {}).get("number")
            if number:
                return number
        fail("not a pull request: set OCSCTL_PR or run on pull_request")

    def run_id(self):
        return os.environ.get("CI_JOB_ID" if self.gitlab else "GITHUB_RUN_ID", "")

    def commit(self):
        return os.environ.get("CI_COMMIT_SHA" if self.gitlab else "GITHUB_SHA", "")


def ours(forge, review, ident):
    """Our earlier notes on this review for this plan id, by part number."""
    author = forge.author()
    found = {}
    for note, who, body in forge.notes(review):
        m = MARKER.search(body or "")
        if m and m.group(1) == ident and who == author:
            found.setdefault(int(m.group(2)), note)
    return found


def fence(text):
    """A code fence longer than any run of backticks or tildes in the text."""
    longest = max([len(r) for r in re.findall(r"`+|~+", text)] + [2])
    return "~" * (longest + 1)


def bodies(out, ident, forge):
    code = int(open(os.path.join(out, "exitcode")).read().strip())
    meta = {"id": ident, "run_id": forge.run_id(), "commit": forge.commit(), "exitcode": code}
    if code == 1:
        error = open(os.path.join(out, "stderr.txt"), encoding="utf-8", errors="replace").read()
        if len(error) > 60000:
            error = error[:60000] + "\n... (cut; the job log has all of it)\n"
        f = fence(error)
        parts = ["### ocsctl plan failed\n\nNothing can be applied from this pull request until "
                 "the plan works.\n\n%stext\n%s\n%s\n" % (f, error.rstrip("\n"), f)]
        meta["sha256"] = ""
    else:
        names = [line.strip() for line in open(os.path.join(out, "parts.txt"), encoding="utf-8")
                 if line.strip()]
        parts = []
        for name in names:
            path = name if os.path.isabs(name) else os.path.join(out, name)
            parts.append(open(path, encoding="utf-8").read())
        if not parts:
            fail("ocsctl plan wrote no Markdown part")
        sha = open(os.path.join(out, "plan.sha256")).read().strip()
        meta["sha256"] = sha
    meta["parts"] = len(parts)
    out_bodies = []
    for i, text in enumerate(parts, start=1):
        head = "<!-- ocsctl-plan id=%s part=%d -->\n" % (ident, i)
        if i == 1:
            head += "<!-- ocsctl-plan-meta %s -->\n" % json.dumps(meta, sort_keys=True)
        foot = ""
        if len(parts) > 1:
            foot = "\n<sub>Part %d of %d.</sub>\n" % (i, len(parts))
        if i == 1 and code != 1:
            foot += ("\n<sub>Saved plan: artifact <code>ocsctl-plan-%s</code>, sha256 <code>%s</code>"
                     "%s. After merge, apply runs <code>ocsctl apply -f … PLANFILE</code>, which "
                     "refuses any plan other than this one.</sub>\n"
                     % (ident, meta["sha256"][:16], ", run " + meta["run_id"] if meta["run_id"] else ""))
        body = head + text + foot
        if len(body) > LIMIT:
            body = body[:LIMIT - 100] + "\n\n... (cut: lower -markdown-split)\n"
        out_bodies.append(body)
    return out_bodies


def post():
    forge = Forge()
    out = os.environ.get("OCSCTL_OUT") or os.path.join(
        os.environ.get("RUNNER_TEMP", os.environ.get("TMPDIR", "/tmp")), "ocsctl-plan")
    ident = re.sub(r"[^A-Za-z0-9_.-]", "-", os.environ.get("OCSCTL_ID") or "default")
    review = forge.review()
    new = bodies(out, ident, forge)
    old = ours(forge, review, ident)
    for i, body in enumerate(new, start=1):
        if i in old:
            forge.update(review, old[i], body)
            print("ocsctl-comment: updated part %d (comment %s)" % (i, old[i]), file=sys.stderr)
        else:
            note = forge.create(review, body)
            print("ocsctl-comment: created part %d (comment %s)" % (i, note), file=sys.stderr)
    for i in sorted(old):
        if i > len(new):
            forge.delete(review, old[i])
            print("ocsctl-comment: deleted part %d left from an earlier plan" % i, file=sys.stderr)


def reviewed():
    forge = Forge()
    ident = re.sub(r"[^A-Za-z0-9_.-]", "-", os.environ.get("OCSCTL_ID") or "default")
    review = os.environ.get("OCSCTL_PR") or forge.review_of_commit(forge.commit())
    if not review:
        fail("no pull request merged commit %s: nothing was reviewed, nothing is applied"
             % forge.commit())
    main = ours(forge, review, ident).get(1)
    body = next((b for n, _, b in forge.notes(review) if n == main), None) if main else None
    m = META.search(body or "")
    if not m:
        fail("pull request %s has no ocsctl plan comment for id %s: nothing is applied"
             % (review, ident))
    meta = json.loads(m.group(1))
    if meta.get("exitcode") == 1 or not meta.get("sha256"):
        fail("the plan reviewed on pull request %s failed: nothing is applied" % review)
    lines = ["run-id=%s" % meta.get("run_id", ""), "sha256=%s" % meta["sha256"], "pr=%s" % review]
    target = os.environ.get("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("post", "reviewed"):
        fail("usage: ocsctl-comment.py post|reviewed")
    post() if sys.argv[1] == "post" else reviewed()
