package io.framechat.bots;

import java.util.List;

/**
 * A parsed bot script: default connection settings and the clients to run.
 *
 * @param timeoutMs default wait for expectations and replies
 */
public record Script(String host, Integer tcpPort, Integer udpPort, long timeoutMs, List<ClientSpec> clients) {

  /** One client of the script, run as {@code instances} concurrent copies. */
  public record ClientSpec(String name, int instances, List<Step> steps) {
  }
}
