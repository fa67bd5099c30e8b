package io.framechat.bus;

import java.util.List;

/** Everything one gateway received in one event-loop turn, in order: one event-bus message. */
public record InboundBatch(List<Inbound> items) {
}
