package io.framechat.cluster;

import io.framechat.testing.ServerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes, clients on each in three rooms, traffic throughout; then {@code kill -9} of one node,
 * {@code SIGSTOP} of another for longer than the member timeout, and a rolling {@code SIGTERM}
 * restart of all three. Clients reconnect to a live node and resume, as the bundled client does.
 * Every message whose sender saw it numbered reaches every client exactly once, in seq order (or
 * the client is told it was not recovered), and no seq names two messages ({@link FaultLedger}).
 */
@Timeout(240)
class ThreeNodeFaultIT {

  private static final int MEMBER_TIMEOUT_SECONDS = 4;
  private static final List<String> ROOMS = List.of("f1", "f2", "f3");

  private final Vertx vertx = Vertx.vertx();
  private final String cluster = "fault-" + UUID.randomUUID();
  private final ServerProcess[] nodes = new ServerProcess[3];
  private final int[] clusterPorts = new int[3];
  /** The TCP ports of the nodes clients may reconnect to now. */
  private final List<Integer> live = new CopyOnWriteArrayList<>();
  /** What the nodes said of resumes that waited for their room in vain, printed with the report. */
  private final List<String> resumeWaits = new ArrayList<>();

  private void waitsEnded(ServerProcess node) {
    node.output().stream().filter(line -> line.contains("a resume from seq")).forEach(resumeWaits::add);
  }

  @AfterEach
  void stop() throws Exception {
    for (ServerProcess node : nodes) {
      if (node != null) {
        node.close();
      }
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Starts the node of {@code slot}, joining the live ones; returns once it listens. */
  private void start(int slot, int members) throws IOException {
    if (nodes[slot] != null) {
      waitsEnded(nodes[slot]);
    }
    Map<String, String> env = new HashMap<>(ServerProcess.loopbackAnyPort());
    env.put("FRAMECHAT_CLUSTER_ENABLED", "true");
    env.put("FRAMECHAT_CLUSTER_NAME", cluster);
    clusterPorts[slot] = ServerProcess.freePort();
    env.put("FRAMECHAT_CLUSTER_PORT", String.valueOf(clusterPorts[slot]));
    String others = java.util.stream.IntStream.range(0, 3)
        .filter(i -> i != slot && nodes[i] != null && nodes[i].isAlive())
        .mapToObj(i -> "127.0.0.1:" + clusterPorts[i]).collect(Collectors.joining(","));
    if (!others.isEmpty()) {
      env.put("FRAMECHAT_CLUSTER_MEMBERS", others);
    }
    env.put("FRAMECHAT_CLUSTER_MEMBER_TIMEOUT_SECONDS", String.valueOf(MEMBER_TIMEOUT_SECONDS));
    env.put("FRAMECHAT_SERVER_DRAIN_SECONDS", "1");
    env.put("FRAMECHAT_CHAT_HISTORY_SIZE", "100000");
    env.put("FRAMECHAT_LIMITS_MESSAGES_PER_SECOND", "10000");
    env.put("FRAMECHAT_LIMITS_BURST", "10000");
    phase("starting node " + slot);
    nodes[slot] = ServerProcess.start(env);
    nodes[slot].awaitLine("cluster \"" + cluster + "\" joined in \\d+ ms .*, " + members + " members");
    nodes[slot].awaitListening();
    live.add(nodes[slot].tcpPort());
  }

  /** The node of {@code slot} takes no more reconnecting clients. */
  private void leaving(int slot) {
    live.remove(Integer.valueOf(nodes[slot].tcpPort()));
  }

  private static void phase(String what) {
    System.out.printf("%tT.%<tL fault test: %s%n", System.currentTimeMillis(), what);
  }

  private static void signal(ServerProcess node, String signal) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(node.pid())).start().waitFor());
  }

  @Test
  void messages_survive_a_kill_a_freeze_and_a_rolling_restart() throws Exception {
    long began = System.nanoTime();
    start(0, 1);
    start(1, 2);
    start(2, 3);
    FaultLedger ledger = new FaultLedger();
    NetClient net = vertx.createNetClient();
    List<FaultClient> clients = new ArrayList<>();
    for (int slot = 0; slot < 3; slot++) {
      for (int i = 0; i < 2; i++) {
        int port = nodes[slot].tcpPort();
        boolean[] first = {true};
        // the first connection goes to its node, reconnections to any live one
        clients.add(new FaultClient(vertx, net, "c" + slot + i, ROOMS, () -> {
          if (first[0]) {
            first[0] = false;
            return port;
          }
          return live.get(ThreadLocalRandom.current().nextInt(live.size()));
        }, ledger));
      }
    }
    vertx.runOnContext(v -> clients.forEach(FaultClient::start));
    long traffic = vertx.setPeriodic(25, t -> clients.forEach(FaultClient::sayNext));
    TimeUnit.SECONDS.sleep(3);

    // kill -9: the node dies without a word; its clients come back on the others
    phase("kill -9 of node 2");
    leaving(2);
    nodes[2].kill();
    TimeUnit.SECONDS.sleep(3);
    start(2, 3);
    TimeUnit.SECONDS.sleep(2);

    // SIGSTOP for longer than the others wait: declared dead, it stops itself once it runs again
    phase("SIGSTOP of node 1");
    leaving(1);
    signal(nodes[1], "STOP");
    TimeUnit.SECONDS.sleep(MEMBER_TIMEOUT_SECONDS + 3);
    signal(nodes[1], "CONT");
    assertEquals(HazelcastCluster.EXIT_FROZEN, nodes[1].awaitExit(), String.join("\n", nodes[1].output()));
    assertTrue(nodes[1].output().stream().anyMatch(line -> line.contains("was frozen for")), "it said why");
    start(1, 3);
    TimeUnit.SECONDS.sleep(2);

    // a rolling restart: each node drains (bye, reconnect) and comes back
    for (int slot = 0; slot < 3; slot++) {
      phase("SIGTERM of node " + slot);
      leaving(slot);
      nodes[slot].terminate();
      assertEquals(0, nodes[slot].awaitExit(), String.join("\n", nodes[slot].output()));
      start(slot, 3);
      TimeUnit.SECONDS.sleep(1);
    }
    TimeUnit.SECONDS.sleep(2);
    vertx.cancelTimer(traffic);
    clients.forEach(FaultClient::stop);

    // everything still on its way arrives: wait until nothing more comes
    long delivered = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (ledger.report().delivered() != delivered && System.nanoTime() < deadline) {
      delivered = ledger.report().delivered();
      TimeUnit.MILLISECONDS.sleep(1000);
    }
    FaultLedger.Report report = ledger.report();
    int reconnects = clients.stream().mapToInt(FaultClient::reconnects).sum();
    System.out.printf("three-node fault test: %s; %d reconnections; %d s%n", report, reconnects,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
    ledger.anomalies().forEach(System.out::println);
    Arrays.stream(nodes).forEach(this::waitsEnded);
    resumeWaits.forEach(System.out::println);
    assertTrue(report.numbered() > 1000, "traffic throughout: " + report);
    assertTrue(reconnects >= 6, "clients moved: " + reconnects);
    assertTrue(report.clean(), report.toString());
  }
}
