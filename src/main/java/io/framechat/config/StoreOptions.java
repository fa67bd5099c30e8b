package io.framechat.config;

import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * Where room history is kept beyond memory, the {@code store} section.
 *
 * @param kind {@code auto} (SQLite on a single node, memory in a cluster), {@code sqlite},
 *     {@code postgres} or {@code memory} (nothing written: history lives as long as the process)
 * @param path the SQLite file (its directory is made 0700, the file 0600)
 * @param postgres the PostgreSQL database a cluster shares
 * @param durability {@code batch}: messages are written at most {@code flushMillis} after they were
 *     numbered; {@code sync}: a message reaches its room only once it is written
 * @param flushMillis how long a numbered message may wait to be written with others
 * @param maxPendingMessages messages waiting to be written (during an outage, say); past it the
 *     oldest are dropped from the store, and counted
 * @param retentionMessages messages kept per room; older ones are pruned in the background
 * @param retentionDays days a message is kept; 0 = no age limit
 * @param maxMessages messages kept in all rooms together; past it the oldest are pruned in the
 *     background, whatever their room; 0 = no store-wide bound
 * @param resumeMax messages a {@code resume} is sent from the store at most; past it the client is
 *     told {@code recovered} false and may page with {@code history}
 * @param startupTimeoutSeconds how long an unreachable database is tried at start before giving up
 */
public record StoreOptions(Kind kind, String path, Postgres postgres, Durability durability, int flushMillis,
    int maxPendingMessages, int retentionMessages, int retentionDays, int maxMessages, int resumeMax, int startupTimeoutSeconds) {

  /** {@code store.kind}. */
  public enum Kind {
    AUTO, SQLITE, POSTGRES, MEMORY;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code store.durability}. */
  public enum Durability {
    BATCH, SYNC;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The shared database of a cluster.
   *
   * @param url {@code postgresql://host:5432/framechat}; with {@code ?sslmode=require} TLS to the
   *     database, with {@code verify-ca} or {@code verify-full} its certificate checked against {@code caPath}
   * @param user the role framechat logs in as
   * @param password its password: from {@code FRAMECHAT_STORE_POSTGRES_PASSWORD}, never a file in Git
   * @param passwordFile a file holding the password (a mounted Secret), read at start
   * @param caPath the CA (PEM) that signed the database's certificate
   * @param poolSize connections to the database
   */
  public record Postgres(String url, String user, String password, String passwordFile, String caPath, int poolSize) {

    @Override
    public String toString() {
      return "Postgres[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
          + ", passwordFile=" + passwordFile + ", caPath=" + caPath + ", poolSize=" + poolSize + "]";
    }
  }

  public static final String SECTION = "store";
  public static final String DEFAULT_PATH = "data/framechat.db";
  public static final int DEFAULT_FLUSH_MILLIS = 50;
  public static final int DEFAULT_MAX_PENDING_MESSAGES = 100_000;
  public static final int DEFAULT_RETENTION_MESSAGES = 100_000;
  public static final int DEFAULT_MAX_MESSAGES = 10_000_000;
  public static final int DEFAULT_RESUME_MAX = 10_000;
  public static final int DEFAULT_STARTUP_TIMEOUT_SECONDS = 30;
  public static final int DEFAULT_POOL_SIZE = 4;

  public static final StoreOptions DEFAULTS = new StoreOptions(Kind.AUTO, DEFAULT_PATH,
      new Postgres("", "framechat", "", "", "", DEFAULT_POOL_SIZE), Durability.BATCH, DEFAULT_FLUSH_MILLIS,
      DEFAULT_MAX_PENDING_MESSAGES, DEFAULT_RETENTION_MESSAGES, 0, DEFAULT_MAX_MESSAGES, DEFAULT_RESUME_MAX, DEFAULT_STARTUP_TIMEOUT_SECONDS);

  public StoreOptions {
    Checks.notBlank("store.path", path);
    Checks.range("store.flushMillis", flushMillis, 1, 60_000);
    Checks.positive("store.maxPendingMessages", maxPendingMessages);
    Checks.positive("store.retentionMessages", retentionMessages);
    Checks.nonNegative("store.retentionDays", retentionDays);
    Checks.nonNegative("store.maxMessages", maxMessages);
    Checks.positive("store.resumeMax", resumeMax);
    Checks.range("store.startupTimeoutSeconds", startupTimeoutSeconds, 0, 3600);
    Checks.range("store.postgres.poolSize", postgres.poolSize(), 1, 100);
    if (kind == Kind.POSTGRES && postgres.url().isBlank()) {
      throw new ConfigException("store.postgres.url", "must be set with store.kind postgres");
    }
  }

  /** What is kept where, given whether the node is in a cluster (where {@code auto} is memory). */
  public Kind effectiveKind(boolean clustered) {
    if (kind != Kind.AUTO) {
      return kind;
    }
    return clustered ? Kind.MEMORY : Kind.SQLITE;
  }

  public static StoreOptions fromJson(JsonObject json) {
    return ConfigBinder.bind(SECTION + ".", DEFAULTS, json, StoreOptions.class);
  }
}
