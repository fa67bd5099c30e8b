package io.framechat.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes an object between verticles of one JVM without copying it. The objects sent this way are
 * immutable once sent, or handed over for good. There is no wire form: these messages never leave
 * the node (they go to local consumers only).
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {

  private final String name;

  private LocalCodec(String name) {
    this.name = name;
  }

  /** Registers a pass-through codec as the default for {@code type}; a second call is a no-op. */
  public static <T> void register(EventBus bus, Class<T> type) {
    try {
      bus.registerDefaultCodec(type, new LocalCodec<>("framechat-local-" + type.getName()));
    } catch (IllegalStateException alreadyRegistered) {
      // the same Vert.x instance runs a second server: the codec is already there
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, T t) {
    throw new UnsupportedOperationException(name + " is local only");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException(name + " is local only");
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
