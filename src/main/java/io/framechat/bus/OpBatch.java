package io.framechat.bus;

import java.util.List;

/**
 * The ops the broadcast verticle produced in one flush, in order. The same instance goes to every
 * gateway concerned: it is never modified after it is sent.
 */
public record OpBatch(List<Op> ops) {
}
