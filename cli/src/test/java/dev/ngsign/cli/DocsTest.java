package dev.ngsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md and docs/ stand on their own: every link points to a file (and heading) inside the
 * repository, no text points at a path outside it, and every Java snippet shows the imports of the
 * types it uses.
 */
class DocsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern FENCE = Pattern.compile("(?ms)^```([^\\n]*)\\n(.*?)^```");

  /** java.lang needs no import; every other type a snippet names does. */
  private static final Set<String> JAVA_LANG =
      Set.of(
          "String",
          "Integer",
          "Long",
          "Object",
          "System",
          "Thread",
          "Math",
          "Runtime",
          "Exception",
          "RuntimeException",
          "Override",
          "Boolean",
          "Character",
          "Byte",
          "Short",
          "Double",
          "Float",
          "Iterable",
          "AutoCloseable",
          "Runnable",
          "StringBuilder",
          "InterruptedException",
          "IllegalArgumentException",
          "IllegalStateException",
          "Void",
          "Deprecated",
          "FunctionalInterface",
          "SuppressWarnings",
          "Throwable",
          "Error",
          "Class",
          "Number",
          "Comparable",
          "CharSequence",
          "Process",
          "ProcessBuilder");

  static List<Path> docs() {
    List<Path> out = new ArrayList<>();
    out.add(ROOT.resolve("README.md"));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyLinkPointsToAFileAndHeadingInsideTheRepository() {
    List<String> broken = new ArrayList<>();
    for (Path doc : docs()) {
      String text = FENCE.matcher(read(doc)).replaceAll("");
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.startsWith("http://")
            || target.startsWith("https://")
            || target.startsWith("mailto:")) {
          continue; // web pages (the Spring issue, vendors' sites) are not files of ours
        }
        String where = ROOT.relativize(doc) + " -> " + target;
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (file.startsWith("/") || !resolved.startsWith(ROOT)) {
          broken.add(where + " (outside the repository)");
        } else if (!Files.exists(resolved)) {
          broken.add(where + " (no such file)");
        } else if (anchor != null
            && resolved.toString().endsWith(".md")
            && !anchors(resolved).contains(anchor)) {
          broken.add(where + " (no such heading)");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void nothingPointsOutsideTheRepository() {
    Pattern outside = Pattern.compile("\\.\\./shared|/work/|shared/spec|shared/seeds|notes\\.md");
    List<String> found = new ArrayList<>();
    for (Path doc : docs()) {
      String[] lines = read(doc).split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (outside.matcher(lines[i]).find()) {
          found.add(ROOT.relativize(doc) + ":" + (i + 1) + ": " + lines[i].strip());
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void everyJavaSnippetShowsItsImports() {
    List<String> missing = new ArrayList<>();
    int snippets = 0;
    for (Path doc : docs()) {
      Matcher m = FENCE.matcher(read(doc));
      while (m.find()) {
        if (!m.group(1).equals("java")) {
          continue;
        }
        snippets++;
        String code = m.group(2);
        Set<String> imported = new HashSet<>();
        Matcher imp =
            Pattern.compile("(?m)^import (?:static )?([\\w.]+)\\.(\\w+|\\*);").matcher(code);
        while (imp.find()) {
          imported.add(imp.group(2));
        }
        Set<String> declared = new HashSet<>();
        Matcher decl = Pattern.compile("\\b(?:class|record|interface|enum) (\\w+)").matcher(code);
        while (decl.find()) {
          declared.add(decl.group(1));
        }
        String noComments =
            code.replaceAll("//[^\\n]*", "").replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        Matcher used = Pattern.compile("(?<![\\w.])([A-Z][A-Za-z0-9]+)\\b").matcher(noComments);
        Set<String> need = new HashSet<>();
        while (used.find()) {
          String t = used.group(1);
          boolean constant =
              t.equals(t.toUpperCase(Locale.ROOT)); // E_OK, SMS: constants, not types
          if (!constant
              && !JAVA_LANG.contains(t)
              && !imported.contains(t)
              && !declared.contains(t)) {
            need.add(t);
          }
        }
        if (!need.isEmpty()) {
          String first =
              code.lines()
                  .filter(l -> !l.isBlank() && !l.startsWith("import"))
                  .findFirst()
                  .orElse("");
          missing.add(
              ROOT.relativize(doc)
                  + " snippet starting '"
                  + first.strip()
                  + "' lacks imports for "
                  + need);
        }
      }
    }
    assertThat(snippets).isGreaterThanOrEqualTo(5);
    assertThat(missing).isEmpty();
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
  static Set<String> anchors(Path md) {
    Set<String> out = new HashSet<>();
    String text = FENCE.matcher(read(md)).replaceAll("");
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        String h = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
        String slug = h.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        String unique = slug;
        for (int i = 1; out.contains(unique); i++) {
          unique = slug + "-" + i;
        }
        out.add(unique);
      }
    }
    return out;
  }
}
