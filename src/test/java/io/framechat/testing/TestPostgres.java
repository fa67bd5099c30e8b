package io.framechat.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A throwaway PostgreSQL server for tests, from the Debian {@code postgresql} package: a cluster made
 * with {@code initdb} in a temporary directory, started with {@code pg_ctl} on a free port of
 * 127.0.0.1, password authentication for the role {@value #USER}, the database {@value #DATABASE}.
 * As root it runs as the unprivileged {@code postgres} user (PostgreSQL refuses root). When the
 * package is missing the test fails and says what to install.
 */
public final class TestPostgres implements AutoCloseable {

  public static final String USER = "framechat";
  public static final String PASSWORD = "test-password-only";
  public static final String DATABASE = "framechat";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgres;

  private TestPostgres(Path bin, Path dir, int port, boolean asPostgres) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** Makes and starts a server; fails the test, saying why, when it cannot. */
  public static TestPostgres start() {
    Path bin = binaries();
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dir = Files.createTempDirectory("framechat-pg-");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path password = dir.resolve("password");
      Files.writeString(password, PASSWORD, StandardCharsets.UTF_8);
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      TestPostgres pg = new TestPostgres(bin, dir, port, root);
      if (root) {
        pg.exec(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
      }
      pg.exec(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
          "--pwfile=" + password, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), true);
      pg.startServer();
      pg.exec(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER,
          DATABASE), true);
      return pg;
    } catch (IOException e) {
      return fail("cannot make a PostgreSQL server for the test: " + e.getMessage(), e);
    }
  }

  /** The newest PostgreSQL installed from Debian's packages, or the test fails saying what to install. */
  private static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
      return versions.map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
          .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString().split("\\.", -1)[0])))
          .orElseThrow(() -> new AssertionError("PostgreSQL is not installed: the tests start a real one"
              + " (apt-get install postgresql; .ci/run installs it)"));
    } catch (IOException e) {
      throw new AssertionError("cannot look for PostgreSQL in " + root, e);
    }
  }

  /** {@code postgresql://127.0.0.1:PORT/framechat}. */
  /** The environment that points a framechat process at this server. */
  public java.util.Map<String, String> storeEnv() {
    return java.util.Map.of("FRAMECHAT_STORE_KIND", "postgres", "FRAMECHAT_STORE_POSTGRES_URL", url(),
        "FRAMECHAT_STORE_POSTGRES_USER", USER, "FRAMECHAT_STORE_POSTGRES_PASSWORD", PASSWORD);
  }

  public String url() {
    return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public int port() {
    return port;
  }

  /** Starts the server (again); returns once it accepts connections. */
  public void startServer() throws IOException {
    exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
        dir.resolve("log").toString(), "-w", "-t", "60", "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), true);
  }

  /** Stops the server at once (connections are cut). */
  public void stopServer() throws IOException {
    exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
        "stop"), true);
  }

  /** Runs SQL through psql, as the test role; returns its output (rows unaligned, no headers). */
  public String psql(String sql) throws IOException {
    return exec(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER,
        "-d", DATABASE, "-At", "-c", sql), true);
  }

  private String exec(List<String> command, boolean asServerUser) throws IOException {
    List<String> full = new ArrayList<>();
    if (asPostgres && asServerUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", PASSWORD);
    Process process = builder.start();
    String output;
    try {
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (process.exitValue() != 0) {
      String log = Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
      throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output + log);
    }
    return output;
  }

  @Override
  public void close() {
    try {
      stopServer();
    } catch (IOException e) {
      // already stopped, or never started: the directory goes all the same
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      throw new AssertionError("cannot remove " + dir, e);
    }
  }
}
