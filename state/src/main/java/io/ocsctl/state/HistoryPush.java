package io.ocsctl.state;

import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/** Pushes the history's current branch and turns a refused update into an actionable error. */
final class HistoryPush {

  private HistoryPush() {}

  static void push(Git git, String remoteUrl) throws IOException {
    String branch = git.getRepository().getFullBranch();
    try {
      Iterable<PushResult> results =
          git.push()
              .setRemote(remoteUrl)
              .setRefSpecs(new RefSpec(branch + ":" + branch))
              .setOutputStream(OutputStream.nullOutputStream())
              .setHookOutputStream(History.NO_OUTPUT)
              .setHookErrorStream(History.NO_OUTPUT)
              .call();
      for (PushResult result : results) {
        for (RemoteRefUpdate update : result.getRemoteUpdates()) {
          RemoteRefUpdate.Status status = update.getStatus();
          if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
            throw new IOException(refused(branch, remoteUrl, update));
          }
        }
      }
    } catch (GitAPIException e) {
      throw new IOException("cannot push the history to " + remoteUrl + ": " + e.getMessage(), e);
    }
  }

  private static String refused(String branch, String remoteUrl, RemoteRefUpdate update) {
    String why =
        update.getStatus() + (update.getMessage() == null ? "" : ": " + update.getMessage());
    String next =
        update.getStatus() == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
            ? "the remote has commits this history lacks (another server pushes there?):"
                + " push each server to its own branch or remote"
            : "check the remote's permissions and branch protection";
    return "push of " + branch + " to " + remoteUrl + " was refused (" + why + "); " + next;
  }
}
