package io.framechat.udp;

import io.netty.channel.socket.DatagramChannel;
import io.vertx.core.datagram.DatagramSocket;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The UDP socket's kernel receive buffer, and the datagrams the kernel dropped for want of room in
 * it. Vert.x ties the socket's receive buffer to the size of the buffer each read allocates (a
 * 4 MiB receive buffer would make every read take 4 MiB), so the socket's own option is set here,
 * on its Netty channel, which Vert.x keeps in a private field: this class is the one place that
 * reaches it. The kernel caps the size at {@code net.core.rmem_max} (and reports twice what it
 * granted, its own accounting).
 */
final class ReceiveBuffer {

  private ReceiveBuffer() {
  }

  /** Asks for {@code bytes}; returns what the kernel granted, or -1 if it cannot be set. */
  static int set(DatagramSocket socket, int bytes) {
    try {
      Field field = socket.getClass().getDeclaredField("channel");
      field.setAccessible(true);
      DatagramChannel channel = (DatagramChannel) field.get(socket);
      channel.config().setReceiveBufferSize(bytes);
      return channel.config().getReceiveBufferSize();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Datagrams the kernel dropped on the socket bound to {@code port} (the {@code drops} column of
   * {@code /proc/net/udp} and {@code udp6}); 0 where the kernel does not say.
   */
  static long drops(int port) {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    long drops = 0;
    for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] fields = line.trim().split("\\s+");
          if (fields.length > 12 && fields[1].endsWith(hexPort)) {
            drops += Long.parseLong(fields[12]);
          }
        }
      } catch (IOException | NumberFormatException e) {
        // no such table here
      }
    }
    return drops;
  }
}
