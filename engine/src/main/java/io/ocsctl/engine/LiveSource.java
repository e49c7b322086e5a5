package io.ocsctl.engine;

import io.ocsctl.providers.MalformedFileException;
import io.ocsctl.providers.live.LiveReader;
import io.ocsctl.providers.live.LiveState;
import io.ocsctl.schema.model.Settings;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the live tree is read from: {@link #DISK} reads the files under a root; a test that is not
 * about the files can pass a tree built in memory. {@code desiredServer} is the desired global
 * settings and {@code desiredVhosts} the desired vhosts' settings, which may move a managed file
 * (another ocpasswd or config-per-user path, a vhost's own passwd file).
 */
@FunctionalInterface
public interface LiveSource {
  LiveSource DISK = LiveReader::read;

  LiveState read(
      Path root, String configPath, Settings desiredServer, Map<String, Settings> desiredVhosts)
      throws MalformedFileException;
}
