package io.framechat.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Supplier;

/** The meters of the cluster ({@code framechat_cluster_*}), in {@link ChatMetrics}' registry. */
public final class ClusterMeters {

  private final MeterRegistry registry;

  ClusterMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Members of the cluster (1 on a single node). */
  public void members(Supplier<Number> members) {
    Gauge.builder("framechat.cluster.members", members).description("Members of the cluster").register(registry);
  }

  /** Something another node sent that this one does not know (a newer node's), skipped: by what it was. */
  public void unknown(String what) {
    Counter.builder("framechat.cluster.unknown").description("Cluster messages, items and values skipped as unknown")
        .tag("what", what).register(registry).increment();
  }

  /** Batches of another node dropped while its snapshot was awaited ({@code cluster.maxEarlyBatches}). */
  public void earlyDropped(int batches) {
    Counter.builder("framechat.cluster.early.dropped")
        .description("Batches of another node dropped while its snapshot was awaited").register(registry).increment(batches);
  }

  /** Messages of rooms this node numbers that could not be stored in the cluster's shared history (their senders try again). */
  public void unstored(int messages) {
    Counter.builder("framechat.cluster.unstored")
        .description("Messages of rooms this node numbers that could not be stored in the shared history")
        .register(registry).increment(messages);
  }

  /** Messages this node sent again to their room's owner: it did not answer in time, or did not store them. */
  public void resent(int messages) {
    Counter.builder("framechat.cluster.resent")
        .description("Messages sent again to their room's owner: no answer in time, or not stored there")
        .register(registry).increment(messages);
  }

  /** Messages another node sent again that this node, their room's owner, had taken already (stored once). */
  public void resentKnown(int messages) {
    Counter.builder("framechat.cluster.resent.known")
        .description("Messages other nodes sent again that this node had taken already: answered with their first seq")
        .register(registry).increment(messages);
  }
}
