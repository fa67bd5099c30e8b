package io.framechat.client;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * TLS for a client's TCP connection: the CA to trust (else the JVM's), or, for tests with
 * self-signed certificates, none ({@code insecure}); and a certificate of its own when the server
 * asks for one.
 */
public record ClientTls(boolean enabled, String caPath, boolean insecure, String certPath, String keyPath) {

  /** Plain TCP. */
  public static final ClientTls NONE = new ClientTls(false, null, false, null, null);

  /** The options to connect with: the server's name is checked against its certificate unless insecure. */
  public ClientSSLOptions sslOptions() {
    ClientSSLOptions options = new ClientSSLOptions();
    if (insecure) {
      options.setTrustAll(true).setHostnameVerificationAlgorithm("");
    } else {
      options.setHostnameVerificationAlgorithm("HTTPS");
      if (caPath != null) {
        options.setTrustOptions(new PemTrustOptions().addCertPath(caPath));
      }
    }
    if (certPath != null && keyPath != null) {
      options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(certPath).setKeyPath(keyPath));
    }
    return options;
  }
}
