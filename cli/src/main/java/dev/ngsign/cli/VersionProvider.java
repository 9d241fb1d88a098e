package dev.ngsign.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the jar's implementation version (or "dev" when run from classes). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"ngsign " + (v == null ? "dev" : v)};
  }
}
