package io.cacheman.server;

import picocli.CommandLine;

/** Reports the version from the build. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"cacheman-server " + CachemanServer.version()};
  }
}
