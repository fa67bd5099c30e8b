package io.framechat.config;

import java.util.Locale;

/**
 * TLS for a listener ({@code tcp.tls}, {@code http.tls}): the server's certificate chain and key
 * (PEM files) and, for client certificates, the CA they must be signed by.
 *
 * @param clientAuth whether clients present a certificate: not asked, asked, or required
 * @param engine who encrypts: OpenSSL (BoringSSL, through Netty's tcnative) or the JDK
 */
public record TlsOptions(boolean enabled, String certPath, String keyPath, String clientCaPath, ClientAuth clientAuth,
    Engine engine) {

  /** {@code tls.clientAuth}. */
  public enum ClientAuth {
    NONE, REQUEST, REQUIRED;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * {@code tls.engine}: {@code auto} takes OpenSSL when its native library loads (Linux x86-64) and the
   * JDK's engine otherwise; {@code openssl} refuses to start without it; {@code jdk} never loads it.
   */
  public enum Engine {
    AUTO, OPENSSL, JDK;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final TlsOptions DEFAULTS = new TlsOptions(false, "", "", "", ClientAuth.NONE, Engine.AUTO);

  /** Checks that what TLS needs is named; {@code prefix} is {@code tcp.tls} or {@code http.tls}. */
  void check(String prefix) {
    if (enabled) {
      Checks.notBlank(prefix + ".certPath", certPath);
      Checks.notBlank(prefix + ".keyPath", keyPath);
      if (clientAuth != ClientAuth.NONE) {
        Checks.notBlank(prefix + ".clientCaPath", clientCaPath);
      }
    }
  }
}
