package io.ocsctl.state;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The git history of every applied state (who changed what, and the content to roll back to), a
 * normal repository whose work tree is {@link StateDir#historyDir()}.
 *
 * <p>It holds the ocpasswd password hashes, so the directory is kept at mode 0700 and its files at
 * 0600; a remote it is pushed to receives those hashes too. Hooks and commit signing from the
 * user's git configuration are disabled, and end-of-line conversion is off so bytes stay exact.
 */
public final class History implements AutoCloseable {

  static final PrintStream NO_OUTPUT = new PrintStream(OutputStream.nullOutputStream());
  private static final Pattern NAME_EMAIL = Pattern.compile("\\s*([^<>]*?)\\s*<([^<>]*)>\\s*");

  /** A commit author. */
  public record Author(String name, String email) {
    public Author {
      if (Objects.requireNonNull(name, "name").isBlank()) {
        throw new IllegalArgumentException("author name must not be blank");
      }
      Objects.requireNonNull(email, "email");
    }

    /** Parses {@code Name <email>}. */
    public static Author parse(String text) {
      Matcher m = NAME_EMAIL.matcher(text);
      if (!m.matches() || m.group(1).isEmpty()) {
        throw new IllegalArgumentException(
            "author '"
                + text
                + "' must look like 'Name <email>', e.g. 'Jane Doe <jane@example.com>'");
      }
      return new Author(m.group(1), m.group(2));
    }

    @Override
    public String toString() {
      return name + " <" + email + ">";
    }
  }

  /** One commit of the history, newest first in {@link #log}. */
  public record Revision(String id, String shortId, Instant time, String author, String message) {}

  private final Git git;
  private final Path workTree;

  private History(Git git, Path workTree) {
    this.git = git;
    this.workTree = workTree;
  }

  /** Opens the history repository of {@code dir}, creating it (branch {@code main}) if needed. */
  public static History open(StateDir dir) throws IOException {
    Path workTree = dir.historyDir();
    DurableFiles.createPrivateDirectory(workTree);
    Files.setPosixFilePermissions(workTree, DurableFiles.OWNER_RWX);
    Git git;
    if (Files.isDirectory(workTree.resolve(".git"))) {
      git = Git.open(workTree.toFile(), QuietGit.fs());
    } else {
      try {
        git =
            Git.init()
                .setDirectory(workTree.toFile())
                .setInitialBranch("main")
                .setFs(QuietGit.fs())
                .call();
      } catch (GitAPIException e) {
        throw new IOException("cannot create the history repository in " + workTree, e);
      }
    }
    StoredConfig config = git.getRepository().getConfig();
    // written once, not per apply: a kill while saving it would leave .git/config.lock behind,
    // and a drift cron opening the history must not contend with an apply for that lock
    if (config.getBoolean("core", null, "autocrlf", true)
        || !".git/no-hooks".equals(config.getString("core", null, "hooksPath"))
        || config.getBoolean("commit", null, "gpgSign", true)) {
      config.setBoolean("core", null, "autocrlf", false);
      config.setString("core", null, "hooksPath", ".git/no-hooks");
      config.setBoolean("commit", null, "gpgSign", false);
      config.save();
    }
    return new History(git, workTree);
  }

  /**
   * Removes the lock files git leaves when killed mid-commit ({@code .git/index.lock}, {@code
   * config.lock}, {@code HEAD.lock}, ref locks), which would fail every later commit. Call only
   * while holding the apply lock: then no other ocsctl writes the history. Returns what it removed.
   */
  public static List<Path> clearStaleLocks(StateDir dir) throws IOException {
    Path git = dir.historyDir().resolve(".git");
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(git, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return removed;
    }
    List<Path> places = new ArrayList<>(List.of(git));
    Path refs = git.resolve("refs");
    if (Files.isDirectory(refs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (var walk = Files.walk(refs)) {
        walk.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
            .forEach(places::add);
      }
    }
    for (Path place : places) {
      try (var list = Files.list(place)) {
        for (Path f : list.filter(p -> p.getFileName().toString().endsWith(".lock")).toList()) {
          if (Files.deleteIfExists(f)) {
            removed.add(f);
          }
        }
      }
    }
    return removed;
  }

  /** Id of the newest commit, empty before the first commit. */
  public Optional<String> head() throws IOException {
    ObjectId id = git.getRepository().resolve("HEAD");
    return Optional.ofNullable(id).map(ObjectId::getName);
  }

  /** True before the first commit: the caller then commits the pre-apply files first. */
  public boolean isEmpty() throws IOException {
    return head().isEmpty();
  }

  /**
   * Makes the tracked content exactly {@code files} (root-relative paths such as {@code
   * etc/ocserv/ocserv.conf}), commits it and returns the full commit id.
   */
  public String commit(Map<String, byte[]> files, String message, Author author)
      throws IOException {
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(message, "message");
    Map<String, byte[]> wanted = new TreeMap<>();
    files.forEach((path, content) -> wanted.put(HistoryTree.checkPath(path), content));
    try {
      List<String> gone = new ArrayList<>();
      for (String tracked : HistoryTree.trackedPaths(git.getRepository())) {
        if (!wanted.containsKey(tracked)) {
          gone.add(tracked);
        }
      }
      if (!gone.isEmpty()) {
        var rm = git.rm();
        gone.forEach(rm::addFilepattern);
        rm.call();
        HistoryTree.removeEmptyParents(workTree, gone);
      }
      // only files whose bytes changed are written and staged: an apply that changes 1% of a
      // 10,000-user estate should not rewrite and re-hash every per-user file
      // a file is staged when the index holds other bytes, not only when the work tree does: a
      // commit killed after writing the work tree but before staging must not be lost on retry
      Map<String, ObjectId> indexed = HistoryTree.indexedIds(git.getRepository());
      var add = git.add();
      boolean changed = false;
      try (ObjectInserter.Formatter hash = new ObjectInserter.Formatter()) {
        for (var file : wanted.entrySet()) {
          boolean inWorkTree = !HistoryTree.differs(workTree, file.getKey(), file.getValue());
          boolean inIndex =
              hash.idFor(Constants.OBJ_BLOB, file.getValue()).equals(indexed.get(file.getKey()));
          if (!inWorkTree) {
            HistoryTree.writeFile(workTree, file.getKey(), file.getValue());
          }
          if (!inWorkTree || !inIndex) {
            add.addFilepattern(file.getKey());
            changed = true;
          }
        }
      }
      if (changed) {
        add.call();
      }
      PersonIdent ident = new PersonIdent(author.name(), author.email());
      RevCommit commit =
          git.commit()
              .setMessage(message)
              .setAuthor(ident)
              .setCommitter(ident)
              .setAllowEmpty(true)
              .setNoVerify(true)
              .setSign(false)
              .setHookOutputStream(NO_OUTPUT)
              .setHookErrorStream(NO_OUTPUT)
              .call();
      QuietGit.ownerOnly(workTree);
      return commit.getName();
    } catch (GitAPIException e) {
      throw new IOException(
          "cannot commit to the history in " + workTree + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the newest commit already records exactly {@code files} under {@code message}: a commit
   * retried after a crash that happened once it was made, which must not be made twice.
   */
  public boolean headRecords(Map<String, byte[]> files, String message) throws IOException {
    Optional<String> head = head();
    if (head.isEmpty()) {
      return false;
    }
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      if (!walk.parseCommit(ObjectId.fromString(head.get()))
          .getFullMessage()
          .strip()
          .equals(message.strip())) {
        return false;
      }
    }
    Map<String, byte[]> recorded = filesAt(head.get());
    if (!recorded.keySet().equals(files.keySet())) {
      return false;
    }
    for (var e : files.entrySet()) {
      if (!java.util.Arrays.equals(e.getValue(), recorded.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The newest {@code max} commits, newest first; empty before the first commit. */
  public List<Revision> log(int max) throws IOException {
    if (max <= 0) {
      throw new IllegalArgumentException("max must be positive, got " + max);
    }
    if (isEmpty()) {
      return List.of();
    }
    List<Revision> revisions = new ArrayList<>();
    try {
      for (RevCommit c : git.log().setMaxCount(max).call()) {
        PersonIdent who = c.getAuthorIdent();
        revisions.add(
            new Revision(
                c.getName(),
                c.abbreviate(7).name(),
                who.getWhenAsInstant(),
                who.getName() + " <" + who.getEmailAddress() + ">",
                c.getFullMessage().strip()));
      }
    } catch (GitAPIException e) {
      throw new IOException("cannot read the history in " + workTree + ": " + e.getMessage(), e);
    }
    return Collections.unmodifiableList(revisions);
  }

  /**
   * Every file of revision {@code rev} (full or short id, {@code HEAD}, {@code HEAD~1}, ...),
   * sorted by path.
   *
   * @throws IllegalArgumentException if {@code rev} names no revision
   */
  public Map<String, byte[]> filesAt(String rev) throws IOException {
    Repository repo = git.getRepository();
    ObjectId id = repo.resolve(rev);
    if (id == null) {
      throw new IllegalArgumentException(
          "no revision '" + rev + "' in the ocsctl history: run 'ocsctl history' to list them");
    }
    Map<String, byte[]> files = new TreeMap<>();
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tree = new TreeWalk(repo)) {
      tree.addTree(walk.parseCommit(id).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        files.put(tree.getPathString(), repo.open(tree.getObjectId(0)).getBytes());
      }
    }
    return Collections.unmodifiableMap(files);
  }

  /**
   * Pushes the current branch to the same branch of {@code remoteUrl} (a path, {@code file://} or
   * {@code https://} URL). The remote receives the password hashes; keep it private.
   */
  public void push(String remoteUrl) throws IOException {
    if (isEmpty()) {
      throw new IOException("the history in " + workTree + " has no commit to push yet");
    }
    HistoryPush.push(git, remoteUrl);
  }

  /**
   * The author of a commit: {@code explicit} ("Name &lt;email&gt;") if given, else
   * GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL, else user.name/user.email of the user's git configuration,
   * else {@code ocsctl <ocsctl@HOSTNAME>}.
   */
  public static Author resolveAuthor(String explicit) {
    return AuthorResolver.resolve(
        explicit, System.getenv(), AuthorResolver.userConfig(), Hostname.current());
  }

  @Override
  public void close() {
    git.close();
  }
}
