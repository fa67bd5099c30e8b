package io.framechat.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A plain blocking socket to the server, from a loopback address of the test's choosing
 * ({@code 127.0.0.2} passes for a second client address): for what a chat client would never do,
 * such as connecting and saying nothing, or dripping a request a line at a time.
 */
public final class RawSocket implements AutoCloseable {

  private final Socket socket;

  private RawSocket(Socket socket) {
    this.socket = socket;
  }

  /** Connects from {@code from} (a loopback address) to 127.0.0.1:{@code port}. */
  public static RawSocket connect(String from, int port) {
    return connect(from, port, -1);
  }

  /** The same with a kernel receive buffer of {@code receiveBytes} (-1: the system's), for a client that reads little. */
  public static RawSocket connect(String from, int port, int receiveBytes) {
    try {
      Socket socket = new Socket();
      if (receiveBytes > 0) {
        socket.setReceiveBufferSize(receiveBytes);
      }
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      return new RawSocket(socket);
    } catch (IOException e) {
      throw new AssertionError("cannot connect from " + from + " to port " + port, e);
    }
  }

  public RawSocket send(String text) {
    try {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new AssertionError("cannot send", e);
    }
    return this;
  }

  public RawSocket send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new AssertionError("cannot send", e);
    }
    return this;
  }

  /**
   * Reads until the server closes the connection, at most {@code millis}: what it sent before. Fails
   * the test when the connection is still open then. A reset counts as closed.
   */
  public byte[] awaitClosed(long millis) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    long deadline = System.currentTimeMillis() + millis;
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (true) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          fail("the server left the connection open for " + millis + " ms");
        }
        socket.setSoTimeout((int) Math.max(1, left));
        int read;
        try {
          read = in.read(buffer);
        } catch (SocketTimeoutException e) {
          continue;
        }
        if (read < 0) {
          return got.toByteArray();
        }
        got.write(buffer, 0, read);
      }
    } catch (SocketException reset) {
      return got.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Whether the server closes the connection within {@code millis} (what it sent meanwhile is
   * dropped); 0 looks once, without waiting.
   */
  public boolean closedWithin(long millis) {
    long deadline = System.currentTimeMillis() + Math.max(1, millis);
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (System.currentTimeMillis() < deadline) {
        socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
        try {
          if (in.read(buffer) < 0) {
            return true;
          }
        } catch (SocketTimeoutException e) {
          return false;
        }
      }
      return false;
    } catch (SocketException reset) {
      return true;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * What arrives until the server closes the connection or has sent a whole HTTP response head, at
   * most {@code millis} (a connection refused at once is closed; one served is kept alive).
   */
  public byte[] awaitClosedOrData(long millis) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    long deadline = System.currentTimeMillis() + millis;
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (System.currentTimeMillis() < deadline && !got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
        socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
        int read;
        try {
          read = in.read(buffer);
        } catch (SocketTimeoutException e) {
          break;
        }
        if (read < 0) {
          break;
        }
        got.write(buffer, 0, read);
      }
    } catch (SocketException reset) {
      return got.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return got.toByteArray();
  }

  /** Reads what arrives within {@code millis} (or until the server closes); fails if the server closed. */
  public String readFor(long millis) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    long deadline = System.currentTimeMillis() + millis;
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (System.currentTimeMillis() < deadline) {
        socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
        int read;
        try {
          read = in.read(buffer);
        } catch (SocketTimeoutException e) {
          break;
        }
        if (read < 0) {
          fail("the server closed the connection; it had sent: " + got.toString(StandardCharsets.ISO_8859_1));
        }
        got.write(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
