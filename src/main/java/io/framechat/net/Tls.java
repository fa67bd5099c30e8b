package io.framechat.net;

import io.framechat.config.ConfigException;
import io.framechat.config.TlsOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.net.ServerSSLOptions;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.List;

/**
 * A listener's TLS from its options ({@code tcp.tls}, {@code http.tls}): the PEM files are read and
 * checked first, so that a missing or broken one stops start-up (or is refused at a reload) with one
 * line naming its key; and who encrypts ({@code tls.engine}). Netty's {@code OpenSsl} says why OpenSSL
 * did not load, and which one it is, in words Vert.x's options do not give.
 */
public final class Tls {

  private Tls() {
  }

  /** The options to listen (or reload) with; {@code prefix} names the section in errors ({@code tcp.tls}). */
  public static ServerSSLOptions serverOptions(Vertx vertx, String prefix, TlsOptions tls) {
    readable(prefix + ".certPath", tls.certPath());
    readable(prefix + ".keyPath", tls.keyPath());
    certificates(prefix + ".certPath", tls.certPath());
    PemKeyCertOptions keyCert = new PemKeyCertOptions().setCertPath(tls.certPath()).setKeyPath(tls.keyPath());
    try {
      keyCert.getKeyManagerFactory(vertx);
    } catch (Exception e) {
      throw new ConfigException(prefix + ".keyPath", "not a PEM private key for " + prefix + ".certPath ("
          + firstLine(e) + ")");
    }
    ServerSSLOptions options = new ServerSSLOptions().setKeyCertOptions(keyCert)
        .setClientAuth(ClientAuth.valueOf(tls.clientAuth().name()));
    if (tls.clientAuth() != TlsOptions.ClientAuth.NONE) {
      readable(prefix + ".clientCaPath", tls.clientCaPath());
      certificates(prefix + ".clientCaPath", tls.clientCaPath());
      options.setTrustOptions(new PemTrustOptions().addCertPath(tls.clientCaPath()));
    }
    return options;
  }

  /**
   * The engine {@code tls.engine} asks for: OpenSSL when it loads ({@code auto}, {@code openssl}), the
   * JDK's otherwise; {@code openssl} without it is refused naming {@code key}. OpenSSL keeps a session
   * cache (resumption) and, as the JDK's, speaks TLS 1.2 and 1.3.
   */
  public static SSLEngineOptions engine(String key, TlsOptions.Engine engine) {
    if (engine == TlsOptions.Engine.JDK) {
      return new JdkSSLEngineOptions();
    }
    if (OpenSSLEngineOptions.isAvailable()) {
      return new OpenSSLEngineOptions().setSessionCacheEnabled(true);
    }
    if (engine == TlsOptions.Engine.OPENSSL) {
      throw new ConfigException(key, "OpenSSL does not load on this platform (" + OpenSsl.unavailabilityCause()
          + "): use auto or jdk");
    }
    return new JdkSSLEngineOptions();
  }

  /** How the start-up log names an engine: {@code OpenSSL} (with its version) or {@code JDK}. */
  public static String describe(SSLEngineOptions engine) {
    return engine instanceof OpenSSLEngineOptions ? OpenSsl.versionString() : "JDK";
  }

  /** The files a TLS listener reads (to see when they change). */
  public static List<String> files(TlsOptions tls) {
    return tls.clientAuth() == TlsOptions.ClientAuth.NONE ? List.of(tls.certPath(), tls.keyPath())
        : List.of(tls.certPath(), tls.keyPath(), tls.clientCaPath());
  }

  private static void readable(String key, String path) {
    if (!Files.isReadable(Path.of(path))) {
      throw new ConfigException(key, "cannot read \"" + path + "\"");
    }
  }

  private static void certificates(String key, String path) {
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new ConfigException(key, "\"" + path + "\" holds no certificate");
      }
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      throw new ConfigException(key, "\"" + path + "\" is not a PEM certificate (" + firstLine(e) + ")");
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
