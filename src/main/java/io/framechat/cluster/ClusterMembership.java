package io.framechat.cluster;

import com.hazelcast.core.HazelcastInstance;

import java.util.List;
import java.util.function.Consumer;

/** The cluster's members as this node sees them (Hazelcast's view, by node id). */
public interface ClusterMembership {

  String nodeId();

  /** The ids of all members, this node included. */
  List<String> nodes();

  /** Calls {@code listener} (on any thread) with the id of each member that leaves or dies. */
  void onNodeLeft(Consumer<String> listener);

  /**
   * False once this node was frozen for longer than the others wait for a silent member: they have
   * declared it dead, so it sends and applies nothing more (it is being stopped).
   */
  boolean intact();

  /** The Hazelcast member this node runs (for the shared room history). */
  HazelcastInstance hazelcast();
}
