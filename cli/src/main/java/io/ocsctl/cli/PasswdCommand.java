package io.ocsctl.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.apache.commons.codec.digest.Sha2Crypt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "passwd",
    description = "Print a SHA-512 crypt hash of a password, for password_hash.")
final class PasswdCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-stdin", "--stdin"},
      description = "Read the password from standard input (first line).")
  boolean stdin;

  @Override
  public Integer call() throws Exception {
    char[] password;
    Console console = System.console();
    if (!stdin && console != null && Main.context().in() == System.in) {
      password = console.readPassword("Password: ");
      char[] again = console.readPassword("Repeat password: ");
      if (password == null || !Arrays.equals(password, again)) {
        spec.commandLine().getErr().println("error: the passwords differ");
        return 1;
      }
    } else {
      String line =
          new BufferedReader(new InputStreamReader(Main.context().in(), StandardCharsets.UTF_8))
              .readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password.length == 0) {
      spec.commandLine().getErr().println("error: empty password");
      return 1;
    }
    byte[] bytes = new String(password).getBytes(StandardCharsets.UTF_8);
    spec.commandLine().getOut().println(Sha2Crypt.sha512Crypt(bytes));
    Arrays.fill(password, '\0');
    Arrays.fill(bytes, (byte) 0);
    return 0;
  }
}
