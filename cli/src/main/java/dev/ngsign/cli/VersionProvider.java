package dev.ngsign.cli;

import io.netty.util.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code -V}: the project version (written into {@code version.properties} by the build, so it is
 * right from the jar and from classes alike), then the Java and Netty versions in use — what a
 * support question needs.
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "ngsign " + projectVersion(),
      "Java "
          + Runtime.version()
          + " ("
          + System.getProperty("java.vendor")
          + "), Netty "
          + nettyVersion()
    };
  }

  static String projectVersion() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the build");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String nettyVersion() {
    // every Netty artifact carries the same version; the shaded jar keeps one artifact's version
    // file
    return Version.identify().values().stream()
        .map(Version::artifactVersion)
        .findFirst()
        .orElse("unknown");
  }
}
