package io.ocsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ocsctl.providers.Binaries;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GitHub Action's scripts (ci/, what action.yml runs) against the bundled example, with a local
 * stand-in for the GitHub API (and GitLab's) on 127.0.0.1 that records every request: one comment
 * is created, then updated and never duplicated; a long plan's parts are posted and cleaned up; a
 * failing plan still posts its error; nothing posted holds a secret; after merge the reviewed plan
 * is found again (not a look-alike comment by someone else) and the apply step refuses a plan
 * changed since review. Runs after {@code package} (it needs cli/target/ocsctl.jar).
 */
class CiActionIT {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final String SECRET = "Carol-Secret-Pw-5521";
  static final String TOKEN = "ghs_standInToken0123456789";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;
  StandIn api;
  Path desired;
  Path server;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    Binaries.require("python3");
    Binaries.require("bash");
    Path jar = REPO.resolve("cli/target/ocsctl.jar");
    assertTrue(Files.exists(jar), "run after 'mvn package': " + jar);
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path ocsctl = bin.resolve("ocsctl");
    Files.writeString(ocsctl, "#!/bin/sh\nexec java -jar '" + jar + "' \"$@\"\n");
    ocsctl.toFile().setExecutable(true);
    // the example, with carol's password from the environment, as a desired-state repo would have
    Path config = Files.createDirectories(tmp.resolve("repo/vpn"));
    desired = config.resolve("desired.hcl");
    String text =
        Files.readString(REPO.resolve("examples/basic/desired.hcl"))
            .replaceFirst(
                "(user \"carol\" \\{[^}]*?)password_hash\\s*=\\s*\"[^\"]*\"",
                "$1password = { env = \"CAROL_PW\" }");
    assertTrue(text.contains("CAROL_PW"));
    Files.writeString(desired, text);
    server = tmp.resolve("server");
    Trees.copy(REPO.resolve("examples/basic/live"), server);
    api = StandIn.start();
    env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", tmp.toString());
    env.put("RUNNER_TEMP", Files.createDirectories(tmp.resolve("runner")).toString());
    env.put("GITHUB_API_URL", api.url());
    env.put("GITHUB_REPOSITORY", "acme/vpn");
    env.put("GITHUB_TOKEN", TOKEN);
    env.put("GITHUB_RUN_ID", "1001");
    env.put("GITHUB_SHA", "c0ffee");
    env.put("OCSCTL_PR", "7");
    env.put("CAROL_PW", SECRET); // the action's env: of the calling step
    env.put("OCSCTL_DESIRED", "vpn/");
    env.put("OCSCTL_ROOT", server.toString());
    env.put("OCSCTL_OUT", tmp.resolve("runner/ocsctl-plan-default").toString());
    env.put("GITHUB_OUTPUT", tmp.resolve("github-output").toString());
    env.put("GITHUB_PATH", tmp.resolve("github-path").toString());
    env.put("GITHUB_ENV", tmp.resolve("github-env").toString());
    // the action's first step: install (here: a given executable), which puts it on the PATH
    env.put("OCSCTL_PACKAGE", ocsctl.toString());
    Commands.Exit install = script("ci/ocsctl-install.sh");
    assertEquals(0, install.code(), install.output());
    assertEquals(bin.toString(), Files.readString(tmp.resolve("github-path")).strip());
    env.put("PATH", bin + ":" + env.get("PATH"));
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.stop();
    }
  }

  private Commands.Exit script(String path, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(path.endsWith(".py") ? "python3" : "bash");
    command.add(REPO.resolve(path).toString());
    command.addAll(List.of(args));
    return Commands.exit(tmp.resolve("repo"), 180, env, command.toArray(String[]::new));
  }

  /** ocsctl-plan.sh then ocsctl-comment.py post, as the action's two steps. */
  private int planAndComment() throws Exception {
    Commands.Exit plan = script("ci/ocsctl-plan.sh");
    assertEquals(0, plan.code(), "the plan step never fails before the comment: " + plan.output());
    Commands.Exit post = script("ci/ocsctl-comment.py", "post");
    assertEquals(0, post.code(), post.output());
    return Integer.parseInt(
        Files.readString(Path.of(env.get("OCSCTL_OUT")).resolve("exitcode")).strip());
  }

  @Test
  void theActionCommentsOnceUpdatesSplitsReportsFailuresAndAppliesOnlyTheReviewedPlan()
      throws Exception {
    // 1. first run: one comment created
    assertEquals(2, planAndComment());
    assertEquals(1, api.comments.size(), api.log());
    assertEquals(1, api.count("POST"), api.log());
    String first = api.comments.values().iterator().next().body;
    assertTrue(first.startsWith("<!-- ocsctl-plan id=default part=1 -->"), first);
    assertTrue(first.contains("### ocsctl plan: Plan: "), first);
    assertTrue(api.requests.stream().allMatch(r -> r.auth.equals("Bearer " + TOKEN)));

    // 2. second run: the same comment is updated, not duplicated
    env.put("GITHUB_RUN_ID", "1002");
    api.requests.clear();
    assertEquals(2, planAndComment());
    assertEquals(1, api.comments.size(), api.log());
    assertEquals(0, api.count("POST"), api.log());
    assertEquals(1, api.count("PATCH"), api.log());

    // 3. a long plan: split parts become extra comments, and go away when no longer needed
    env.put("OCSCTL_SPLIT", "1200");
    api.requests.clear();
    planAndComment();
    int parts = api.comments.size();
    assertTrue(parts > 1, "the plan was split: " + api.log());
    assertEquals(parts - 1, api.count("POST"), api.log());
    for (Comment c : api.comments.values()) {
      assertTrue(c.body.matches("(?s)<!-- ocsctl-plan id=default part=\\d+ -->.*"), c.body);
    }
    api.requests.clear();
    planAndComment(); // the same parts again: all updated
    assertEquals(parts, api.comments.size());
    assertEquals(0, api.count("POST"), api.log());
    env.remove("OCSCTL_SPLIT");
    api.requests.clear();
    planAndComment();
    assertEquals(1, api.comments.size(), api.log());
    assertEquals(parts - 1, api.count("DELETE"), api.log());

    // 4. a failing plan still posts, its error text, in the same comment
    env.remove("CAROL_PW");
    assertEquals(1, planAndComment());
    String failed = api.comments.values().iterator().next().body;
    assertTrue(failed.contains("### ocsctl plan failed"), failed);
    assertTrue(failed.contains("CAROL_PW"), "the error names the missing variable: " + failed);
    assertEquals(1, api.comments.size());
    env.put("CAROL_PW", SECRET);
    Files.writeString(desired, "user \"x\" {\n", StandardOpenOption.APPEND); // a syntax error
    assertEquals(1, planAndComment());
    assertTrue(api.comments.values().iterator().next().body.contains("desired.hcl:"));
    Files.writeString(
        desired, Files.readString(desired).replace("user \"x\" {\n", "")); // fixed again

    // 5. the reviewed plan
    env.put("GITHUB_RUN_ID", "1005");
    assertEquals(2, planAndComment());
    Path planFile = Path.of(env.get("OCSCTL_OUT")).resolve("ocsctl.plan");
    String sha = Files.readString(Path.of(env.get("OCSCTL_OUT")).resolve("plan.sha256")).strip();
    assertTrue(api.comments.values().iterator().next().body.contains(sha.substring(0, 16)));

    // nothing posted, ever, holds a secret, a hash or the token
    for (Request r : api.requests) {
      assertFalse(r.body.contains(SECRET), "the secret was posted: " + r);
      assertFalse(r.body.contains(TOKEN), "the token was posted in a body");
    }
    for (String body : api.allBodies) {
      assertFalse(body.contains(SECRET), "the secret was posted");
      assertFalse(body.contains(TOKEN), "the token was posted");
      Secrets.assertNoneIn(REPO.resolve("examples/basic"), body);
    }

    // 6. after merge: the reviewed plan is found, not a look-alike comment by someone else
    api.comments.put(
        999L,
        new Comment(
            999L,
            "mallory",
            "<!-- ocsctl-plan id=default part=1 -->\n<!-- ocsctl-plan-meta {\"exitcode\": 2,"
                + " \"run_id\": \"666\", \"sha256\": \"0000\"} -->\n"));
    env.remove("OCSCTL_PR");
    env.put("GITHUB_SHA", "merged1");
    Files.deleteIfExists(Path.of(env.get("GITHUB_OUTPUT")));
    Commands.Exit reviewed = script("ci/ocsctl-comment.py", "reviewed");
    assertEquals(0, reviewed.code(), reviewed.output());
    String outputs = Files.readString(Path.of(env.get("GITHUB_OUTPUT")));
    assertTrue(outputs.contains("sha256=" + sha), outputs);
    assertTrue(outputs.contains("run-id=1005"), outputs);
    assertTrue(outputs.contains("pr=7"), outputs);

    // 7. apply refuses a plan changed since review: a replaced artifact...
    Path artifact = Files.createDirectories(tmp.resolve("runner/reviewed")).resolve("ocsctl.plan");
    Files.copy(planFile, artifact);
    env.put("OCSCTL_PLAN_FILE", artifact.toString());
    env.put("OCSCTL_EXPECTED_SHA256", sha);
    env.put("OCSCTL_AUTHOR", "ci <ci@example.com>");
    Path edited = tmp.resolve("edited.plan");
    Files.writeString(
        edited, Files.readString(artifact).replace("\"version\":1", "\"version\":1 "));
    env.put("OCSCTL_PLAN_FILE", edited.toString());
    Commands.Exit replaced = script("ci/ocsctl-apply.sh");
    assertEquals(1, replaced.code(), replaced.output());
    assertTrue(replaced.output().contains("is not the plan reviewed on the pull request"));
    // ...and the reviewed file, when the server changed since the plan (ocsctl refuses it)
    env.put("OCSCTL_PLAN_FILE", artifact.toString());
    Path conf = server.resolve("etc/ocserv/ocserv.conf");
    String before = Files.readString(conf);
    Files.writeString(conf, before + "# edited on the host\n");
    Commands.Exit stale = script("ci/ocsctl-apply.sh");
    assertEquals(1, stale.code(), stale.output());
    assertTrue(stale.output().contains("changed since the plan was made"), stale.output());
    Files.writeString(conf, before);
    // the reviewed plan on the unchanged server applies, and nothing is left to do
    Commands.Exit applied = script("ci/ocsctl-apply.sh");
    assertEquals(0, applied.code(), applied.output());
    assertTrue(applied.output().contains("Apply complete!"), applied.output());
    Commands.Exit after = script("ci/ocsctl-plan.sh");
    assertEquals(0, after.code());
    assertEquals("0", Files.readString(Path.of(env.get("OCSCTL_OUT")).resolve("exitcode")).strip());
  }

  @Test
  void theGitLabTemplatesNoteIsCreatedThenUpdated() throws Exception {
    env.put("OCSCTL_FORGE", "gitlab");
    env.put("CI_API_V4_URL", api.url() + "/api/v4");
    env.put("CI_PROJECT_ID", "acme/vpn");
    env.put("CI_MERGE_REQUEST_IID", "7");
    env.put("OCSCTL_GITLAB_TOKEN", TOKEN);
    env.put("CI_JOB_ID", "4242");
    env.remove("OCSCTL_PR");
    assertEquals(2, planAndComment());
    assertEquals(2, planAndComment());
    assertEquals(1, api.comments.size(), api.log());
    assertEquals(1, api.count("POST"), api.log());
    assertEquals(1, api.count("PUT"), api.log());
    assertTrue(api.requests.stream().allMatch(r -> r.auth.equals("PRIVATE-TOKEN " + TOKEN)));
    assertTrue(
        api.requests.stream()
            .anyMatch(
                r -> r.path.startsWith("/api/v4/projects/acme%2Fvpn/merge_requests/7/notes")));
    // more plan arguments pass through as words, brackets and all
    env.put("OCSCTL_ARGS", "-target=user[\"bob\"]");
    assertEquals(2, planAndComment());
    String note = api.comments.values().iterator().next().body;
    assertTrue(note.contains("Resource targeting is in effect (-target user[\"bob\"])"), note);
    assertEquals(1, api.comments.size());
  }

  record Request(String method, String path, String auth, String body) {}

  static final class Comment {
    final long id;
    final String author;
    String body;

    Comment(long id, String author, String body) {
      this.id = id;
      this.author = author;
      this.body = body;
    }
  }

  /** GitHub's and GitLab's few comment endpoints, in memory, recording every request. */
  static final class StandIn {
    private static final Pattern GH_LIST = Pattern.compile("/repos/acme/vpn/issues/7/comments");
    private static final Pattern GH_ONE = Pattern.compile("/repos/acme/vpn/issues/comments/(\\d+)");
    private static final Pattern GH_PULLS = Pattern.compile("/repos/acme/vpn/commits/[^/]+/pulls");
    private static final Pattern GL_LIST =
        Pattern.compile("/api/v4/projects/acme%2Fvpn/merge_requests/7/notes");
    private static final Pattern GL_ONE =
        Pattern.compile("/api/v4/projects/acme%2Fvpn/merge_requests/7/notes/(\\d+)");
    final Map<Long, Comment> comments = new LinkedHashMap<>();
    final List<Request> requests = new ArrayList<>();
    final List<String> allBodies = new ArrayList<>();
    private HttpServer server;
    private long next = 100;

    static StandIn start() throws IOException {
      StandIn s = new StandIn();
      s.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      s.server.createContext("/", s::handle);
      s.server.start();
      return s;
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void stop() {
      server.stop(0);
    }

    long count(String method) {
      return requests.stream()
          .filter(r -> r.method.equals(method) && !r.path.contains("/pulls"))
          .count();
    }

    String log() {
      StringBuilder out = new StringBuilder();
      requests.forEach(r -> out.append(r.method).append(' ').append(r.path).append('\n'));
      return out.toString();
    }

    private synchronized void handle(HttpExchange x) throws IOException {
      String method = x.getRequestMethod();
      String path = x.getRequestURI().getRawPath();
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String auth =
          x.getRequestHeaders().getFirst("Authorization") != null
              ? x.getRequestHeaders().getFirst("Authorization")
              : "PRIVATE-TOKEN " + x.getRequestHeaders().getFirst("PRIVATE-TOKEN");
      requests.add(new Request(method, path, auth, body));
      boolean gitlab = path.startsWith("/api/v4");
      Matcher one;
      String author = gitlab ? "ocsctl-bot" : "github-actions[bot]";
      if (method.equals("GET")
          && (GH_LIST.matcher(path).matches() || GL_LIST.matcher(path).matches())) {
        int page = Integer.parseInt(query(x, "page", "1"));
        ArrayNode list = JSON.createArrayNode();
        if (page == 1) {
          for (Comment c : comments.values()) {
            ObjectNode node = list.addObject().put("id", c.id).put("body", c.body);
            if (gitlab) {
              node.putObject("author").put("username", c.author);
            } else {
              node.putObject("user").put("login", c.author);
            }
          }
        }
        reply(x, 200, list.toString());
      } else if (method.equals("POST")
          && (GH_LIST.matcher(path).matches() || GL_LIST.matcher(path).matches())) {
        long id = next++;
        Comment c = new Comment(id, author, text(body));
        comments.put(id, c);
        allBodies.add(c.body);
        reply(x, 201, JSON.createObjectNode().put("id", id).toString());
      } else if ((one = (gitlab ? GL_ONE : GH_ONE).matcher(path)).matches()) {
        Comment c = comments.get(Long.parseLong(one.group(1)));
        if (c == null) {
          reply(x, 404, "{}");
        } else if (method.equals(gitlab ? "PUT" : "PATCH")) {
          c.body = text(body);
          allBodies.add(c.body);
          reply(x, 200, JSON.createObjectNode().put("id", c.id).toString());
        } else if (method.equals("DELETE")) {
          comments.remove(c.id);
          reply(x, 204, "");
        } else {
          reply(x, 405, "{}");
        }
      } else if (method.equals("GET") && GH_PULLS.matcher(path).matches()) {
        reply(x, 200, "[{\"number\": 7}]");
      } else if (method.equals("GET") && path.equals("/api/v4/user")) {
        reply(x, 200, "{\"username\": \"ocsctl-bot\"}");
      } else {
        reply(x, 404, "{\"message\": \"Not Found\"}");
      }
    }

    private static String text(String body) {
      JsonNode node = JSON.readTree(body);
      return node.path("body").asString();
    }

    private static String query(HttpExchange x, String name, String fallback) {
      String q = x.getRequestURI().getRawQuery();
      if (q != null) {
        for (String pair : q.split("&")) {
          if (pair.startsWith(name + "=")) {
            return pair.substring(name.length() + 1);
          }
        }
      }
      return fallback;
    }

    private static void reply(HttpExchange x, int code, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(code, code == 204 ? -1 : bytes.length);
      if (code != 204) {
        x.getResponseBody().write(bytes);
      }
      x.close();
    }
  }
}
