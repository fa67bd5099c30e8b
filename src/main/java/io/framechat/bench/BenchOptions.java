package io.framechat.bench;

import io.framechat.client.ServerAddress;

import java.util.List;

/**
 * One bench run's settings.
 *
 * @param servers where clients connect, round-robin
 * @param rate messages per second from all publishers together; 0 = as fast as the window allows
 * @param window unanswered messages each publisher may have in flight when {@code rate} is 0
 */
record BenchOptions(List<ServerAddress> servers, int publishers, int subscribers, int size, int rate, int window,
    int durationSeconds, int warmupSeconds, String room, String healthUrl) {

  boolean udp() {
    return servers.get(0).udp();
  }

  /** {@code tcp}, {@code tls}, {@code udp}, {@code ws} or {@code wss}. */
  String transport() {
    return servers.get(0).transport();
  }

  int members() {
    return publishers + subscribers;
  }
}
