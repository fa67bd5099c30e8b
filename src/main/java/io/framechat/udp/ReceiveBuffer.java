package io.framechat.udp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The UDP socket's kernel receive buffer, and the datagrams the kernel dropped for want of room in
 * it. The socket asks for {@code udp.socketReceiveBytes} through Vert.x's options (the transport
 * keeps each read at a datagram's size); the kernel grants at most {@code net.core.rmem_max}.
 */
final class ReceiveBuffer {

  private static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");

  private ReceiveBuffer() {
  }

  /** What the kernel caps a socket's receive buffer at ({@code net.core.rmem_max}), where it says. */
  static OptionalLong kernelCap() {
    try {
      // read by lines: Files.readString and readAllBytes see one byte of a /proc/sys file (it says it is empty)
      return OptionalLong.of(Long.parseLong(Files.readAllLines(RMEM_MAX).get(0).strip()));
    } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
      return OptionalLong.empty();
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
          String[] fields = line.trim().split("\\s+", -1);
          if (fields.length > 12 && fields[1].endsWith(hexPort)) {
            drops += Long.parseLong(fields[12]);
          }
        }
      } catch (IOException | NumberFormatException e) {
        // no such table here: the kernel does not count them for us
      }
    }
    return drops;
  }
}
