package io.framechat.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fat jar run as its own process, as a user runs it: {@code java -jar target/framechat.jar ...}.
 * Output (stdout and stderr, merged) is collected line by line for the test to wait on.
 */
public final class ServerProcess implements AutoCloseable {

  public static final Path JAR = Path.of("target", "framechat.jar");
  private static final Pattern PORT = Pattern.compile("(TCP|UDP|HTTP) listening on [^:]+:(\\d+)");
  private static final Pattern CLUSTER_PORT = Pattern.compile("joined in \\d+ ms as node \\S+ on [^:]+:(\\d+)");
  private static final Pattern MANAGEMENT_PORT = Pattern.compile("Management listening on [^:]+:(\\d+)");

  private final Process process;
  private final Thread reader;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private int tcpPort = -1;
  private int udpPort = -1;
  private int httpPort = -1;
  private int clusterPort = -1;
  private int managementPort = -1;

  private ServerProcess(Process process) {
    this.process = process;
    reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "server-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code java [jvmArgs] -jar target/framechat.jar args} with extra environment variables. */
  public static ServerProcess start(Map<String, String> env, List<String> jvmArgs, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return start(command, env);
  }

  private static ServerProcess start(List<String> command, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("FRAMECHAT_"));
    builder.environment().putAll(env);
    try {
      return new ServerProcess(builder.start());
    } catch (IOException e) {
      throw new AssertionError("cannot start " + command, e);
    }
  }

  public static ServerProcess start(Map<String, String> env, String... args) {
    return start(env, List.of(), args);
  }

  /** The same under an open-files limit ({@code ulimit -n}) of {@code files}. */
  public static ServerProcess startWithOpenFiles(int files, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -n " + files + " && exec \"$@\"", "bash"));
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return start(command, env);
  }

  /**
   * A port free on 127.0.0.1 a moment ago, for a listener that cannot take port 0 (Hazelcast's, the
   * event bus's): another process may take it meanwhile, so a caller starting a node on it retries.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /**
   * Environment that puts every listener on 127.0.0.1 and a free port, and keeps history in memory
   * (a test of the store names its own).
   */
  public static Map<String, String> loopbackAnyPort() {
    return Map.of(
        "FRAMECHAT_TCP_HOST", "127.0.0.1", "FRAMECHAT_TCP_PORT", "0",
        "FRAMECHAT_UDP_HOST", "127.0.0.1", "FRAMECHAT_UDP_PORT", "0",
        "FRAMECHAT_HTTP_HOST", "127.0.0.1", "FRAMECHAT_HTTP_PORT", "0",
        "FRAMECHAT_STORE_KIND", "memory");
  }

  /** Waits for the three "listening" lines and records the ports. */
  public ServerProcess awaitListening() {
    while (tcpPort < 0 || udpPort < 0 || httpPort < 0) {
      Matcher m = PORT.matcher(awaitLine(PORT.pattern()));
      m.find();
      int port = Integer.parseInt(m.group(2));
      switch (m.group(1)) {
        case "TCP" -> tcpPort = port;
        case "UDP" -> udpPort = port;
        default -> httpPort = port;
      }
    }
    return this;
  }

  /** The next output line matching {@code regex} (searched anywhere in the line). */
  public String awaitLine(String regex) {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try {
      while (System.nanoTime() < deadline) {
        String line = lines.poll(Math.min(200_000_000L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null && !reader.isAlive() && lines.isEmpty()) {
          break;
        }
        if (line == null) {
          continue;
        }
        seen.add(line);
        Matcher cluster = CLUSTER_PORT.matcher(line);
        if (cluster.find()) {
          clusterPort = Integer.parseInt(cluster.group(1));
        }
        Matcher management = MANAGEMENT_PORT.matcher(line);
        if (management.find()) {
          managementPort = Integer.parseInt(management.group(1));
        }
        if (pattern.matcher(line).find()) {
          return line;
        }
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    fail("no output line matching " + regex + "; saw: " + seen);
    return null;
  }

  /** Waits for the process to end and its output to be read; returns the exit code. */
  public int awaitExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("process still running after 30 s; saw: " + output());
      }
      reader.join(10_000);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return process.exitValue();
  }

  /** Every line seen so far plus those still queued. */
  public List<String> output() {
    lines.drainTo(seen);
    return seen;
  }

  /** Sends SIGTERM. */
  public void terminate() {
    process.destroy();
  }

  /** Sends SIGKILL: the process dies without a word. */
  public void kill() {
    process.destroyForcibly();
  }

  public long pid() {
    return process.pid();
  }

  public int tcpPort() {
    return tcpPort;
  }

  public int udpPort() {
    return udpPort;
  }

  /** The management port (with {@code http.management.enabled}), once its listening line came. */
  public int managementPort() {
    if (managementPort < 0) {
      awaitLine(MANAGEMENT_PORT.pattern());
    }
    return managementPort;
  }

  public int httpPort() {
    return httpPort;
  }

  /** The Hazelcast port of a clustered node, once its "joined" line was read. */
  public int clusterPort() {
    return clusterPort;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
