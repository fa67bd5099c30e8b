package io.framechat.client;

import io.framechat.config.TcpOptions;
import io.framechat.config.UdpOptions;
import io.framechat.protocol.HeaderByteOrder;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * Where the server is, for every command that connects to one ({@code client}, {@code bots},
 * {@code bench}): a picocli mixin. The ports and byte order default to the server's own defaults.
 * A value not given reads as null, so a command can fall back to something else first (a bots
 * script's own defaults).
 */
public final class TargetOptions {

  /** Where the tools look for a server when no host is given. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  @Option(names = "--host", paramLabel = "HOST", description = "Server host (default: " + DEFAULT_HOST + ").")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: " + TcpOptions.DEFAULT_PORT + ").")
  Integer tcpPort;

  @Option(names = "--udp-port", paramLabel = "PORT", description = "UDP port (default: " + UdpOptions.DEFAULT_PORT + ").")
  Integer udpPort;

  @Option(names = "--byte-order", paramLabel = "ORDER", converter = ByteOrderConverter.class,
      description = "TCP header byte order: big or little (default: big).")
  HeaderByteOrder byteOrder;

  @Option(names = "--tls", description = "TCP over TLS (the server's tcp.tls).")
  boolean tls;

  @Option(names = "--ca", paramLabel = "FILE", description = "With --tls: PEM certificate(s) of the CA to trust (default: the JVM's).")
  String ca;

  @Option(names = "--insecure", description = "With --tls: trust any certificate, whatever its name (self-signed test servers only).")
  boolean insecure;

  @Option(names = "--cert", paramLabel = "FILE", description = "With --tls: this client's PEM certificate, for a server that asks for one.")
  String cert;

  @Option(names = "--key", paramLabel = "FILE", description = "With --cert: its PEM private key.")
  String key;

  public String host(String fallback) {
    return host != null ? host : fallback != null ? fallback : DEFAULT_HOST;
  }

  public int tcpPort(Integer fallback) {
    return tcpPort != null ? tcpPort : fallback != null ? fallback : TcpOptions.DEFAULT_PORT;
  }

  public int udpPort(Integer fallback) {
    return udpPort != null ? udpPort : fallback != null ? fallback : UdpOptions.DEFAULT_PORT;
  }

  public HeaderByteOrder byteOrder() {
    return byteOrder != null ? byteOrder : TcpOptions.DEFAULT_BYTE_ORDER;
  }

  /** TLS for TCP connections, as given. */
  public ClientTls tls() {
    return tls ? new ClientTls(true, ca, insecure, cert, key) : ClientTls.NONE;
  }

  /** The server address for one transport, with no other fallback than the defaults. */
  public ServerAddress address(boolean udp) {
    return new ServerAddress(udp, host(null), udp ? udpPort(null) : tcpPort(null), byteOrder(), udp ? ClientTls.NONE : tls());
  }

  /** {@code big} or {@code little}, as in the server's {@code tcp.byteOrder}. */
  static final class ByteOrderConverter implements ITypeConverter<HeaderByteOrder> {
    @Override
    public HeaderByteOrder convert(String value) {
      return HeaderByteOrder.fromConfig(value);
    }
  }
}
