package io.framechat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made at test time with {@code openssl} (nothing secret is kept in the repository): a
 * CA, and certificates it signs for the server ({@code localhost}, 127.0.0.1) and for clients.
 * EC P-256 keys, valid two days.
 */
public final class TestCertificates {

  private final Path dir;
  public final Path caCert;
  public final Path caKey;

  private TestCertificates(Path dir) {
    this.dir = dir;
    this.caCert = dir.resolve("ca.pem");
    this.caKey = dir.resolve("ca.key");
  }

  /** A new CA in {@code dir}. */
  public static TestCertificates ca(Path dir) {
    TestCertificates certificates = new TestCertificates(dir);
    certificates.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=framechat test CA");
    return certificates;
  }

  /** A certificate and key signed by the CA: {@code name.pem}, {@code name.key}. */
  public Pair issue(String name, String commonName) {
    try {
      Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + commonName);
    openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    return new Pair(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
  }

  /** A certificate file and its key file. */
  public record Pair(Path cert, Path key) {
  }

  private void openssl(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("openssl failed: " + command + "\n" + output);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run openssl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
