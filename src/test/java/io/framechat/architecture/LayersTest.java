package io.framechat.architecture;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The package layout is the architecture: each package may use only packages of lower layers (so
 * there can be no cycle). The wire ({@code protocol}) is at the bottom; the vocabulary between
 * network and chat ({@code bus}), the configuration and the meters next; the network side and the
 * chat, which do not know each other; the listeners, the cluster, the store and the client connections;
 * the process ({@code server}) and the tools built on the client; the command line on top.
 */
class LayersTest {

  private static final Path MAIN = Path.of("src", "main", "java", "io", "framechat");
  private static final Map<String, Integer> LAYER = Map.ofEntries(
      Map.entry("protocol", 0),
      Map.entry("config", 1), Map.entry("bus", 1), Map.entry("metrics", 1), Map.entry("bans", 1), Map.entry("log", 1),
      Map.entry("net", 2), Map.entry("chat", 2),
      Map.entry("tcp", 3), Map.entry("udp", 3), Map.entry("cluster", 3), Map.entry("http", 3), Map.entry("client", 3),
      Map.entry("auth", 3), Map.entry("store", 3),
      Map.entry("server", 4), Map.entry("bots", 4), Map.entry("bench", 4), Map.entry("admin", 4),
      Map.entry("", 5));
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.framechat\\.(?:([a-z]+)\\.)?[A-Z]", Pattern.MULTILINE);
  private static final Pattern QUALIFIED = Pattern.compile("io\\.framechat\\.([a-z]+)\\.[A-Z]");

  /** Every use of a framechat package by another, as "from -> to (File.java)". */
  private static List<String> uses() throws IOException {
    List<String> uses = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path dir = MAIN.relativize(file).getParent();
        String from = dir == null ? "" : dir.toString();
        String source = Files.readString(file);
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
          uses.add(from + " -> " + (imports.group(1) == null ? "" : imports.group(1)) + " (" + file.getFileName() + ")");
        }
        Matcher qualified = QUALIFIED.matcher(source.replaceAll("(?m)^(package|import) .*$", ""));
        while (qualified.find()) {
          uses.add(from + " -> " + qualified.group(1) + " (" + file.getFileName() + ")");
        }
      }
    }
    return uses;
  }

  @Test
  @DisplayName("every package is in a layer, and uses only packages of lower layers")
  void nothing_imports_upwards_or_sideways() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (String use : uses()) {
      String[] parts = use.split(" -> | \\(", -1);
      if (parts[0].equals(parts[1])) {
        continue;
      }
      Integer from = LAYER.get(parts[0]);
      Integer to = LAYER.get(parts[1]);
      if (from == null || to == null || to >= from) {
        wrong.add(use);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  @DisplayName("every package of the code has its layer here")
  void every_package_has_a_layer() throws IOException {
    TreeSet<String> packages = new TreeSet<>();
    try (Stream<Path> dirs = Files.walk(MAIN)) {
      dirs.filter(Files::isDirectory).map(MAIN::relativize).map(Path::toString).forEach(packages::add);
    }
    assertEquals(new TreeSet<>(LAYER.keySet()), packages);
  }

  /** Vert.x's internal and implementation packages, and Netty. */
  private static final Pattern INTERNALS = Pattern.compile("io\\.vertx\\.core\\.(internal|[a-z.]*\\.impl)\\.|import io\\.netty\\.");

  /** The classes that reach beneath Vert.x's API (into its internals, or Netty), each for a reason its Javadoc gives. */
  static final List<String> BENEATH_VERTX = List.of("bench/BenchClient.java", "bench/BenchText.java",
      "bench/FrameScanner.java", "http/HttpDeadlines.java", "http/WsConnection.java",
      "net/AcceptGuard.java", "net/DirectCopies.java", "net/GuardInstaller.java", "net/GuardedTransport.java",
      "net/Tls.java", "server/LoopLayout.java", "tcp/TcpWriter.java", "udp/UdpWriter.java");

  @Test
  @DisplayName("the Vert.x internals and Netty are used in the classes listed, and docs/ARCHITECTURE.md names each of them")
  void internals_in_known_places() throws IOException {
    Map<String, String> users = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (INTERNALS.matcher(Files.readString(file)).find()) {
          users.put(MAIN.relativize(file).toString(), "");
        }
      }
    }
    assertEquals(BENEATH_VERTX, new ArrayList<>(users.keySet()));
    String architecture = Files.readString(Path.of("docs", "ARCHITECTURE.md"));
    List<String> unnamed = BENEATH_VERTX.stream()
        .map(file -> file.substring(file.indexOf('/') + 1, file.length() - ".java".length()))
        .filter(name -> !architecture.contains("`" + name + "`")).toList();
    assertEquals(List.of(), unnamed, "classes beneath Vert.x that docs/ARCHITECTURE.md does not name");
  }
}
