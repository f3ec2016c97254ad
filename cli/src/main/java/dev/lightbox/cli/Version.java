package dev.lightbox.cli;

import picocli.CommandLine;

/** The version from the jar manifest. */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Version.class.getPackage().getImplementationVersion();
    return new String[] {"lightbox " + (v == null ? "0.1.0-SNAPSHOT" : v)};
  }
}
