package io.ocsctl.providers.live;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The files ocsctl manages for one server, resolved under the root: ocserv.conf, the ocpasswd file
 * named by {@code auth = "plain[passwd=...]"}, and the config-per-user/-group directories.
 */
public record ManagedPaths(
    Path config, Optional<Path> passwd, Optional<Path> perUserDir, Optional<Path> perGroupDir) {}
