package io.framechat.bans;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The bans of a single node: in memory and, when {@code admin.bansFile} names a file, written there
 * at every change (a JSON array) and read back at start, so that they outlive a restart. The file is
 * private to the server's user (0600) and replaced whole: written to a temporary file beside it,
 * then renamed over it, so a crash never leaves half a list. Lapsed bans are dropped when the list
 * is written. Changes run one at a time on the caller's context; writes in the order of the changes.
 */
public final class LocalBans implements BanStore {

  private static final Logger LOG = Logger.getLogger(LocalBans.class.getName());

  private final Vertx vertx;
  private final BanList list;
  private final String file;
  private final Map<String, Ban> bans = new LinkedHashMap<>();

  /** @param file where to keep the bans; empty for none */
  public LocalBans(Vertx vertx, BanList list, String file) {
    this.vertx = vertx;
    this.list = list;
    this.file = file;
  }

  /** Reads the file, if there is one; a missing file is an empty list. */
  public Future<Void> load() {
    if (file.isEmpty()) {
      return Future.succeededFuture();
    }
    return vertx.fileSystem().exists(file).compose(exists -> exists ? vertx.fileSystem().readFile(file)
        : Future.succeededFuture(Buffer.buffer("[]"))).map(content -> {
          long now = System.currentTimeMillis();
          for (Ban ban : parse(content)) {
            if (ban.holds(now)) {
              bans.put(ban.id(), ban);
            }
          }
          list.set(bans.values());
          LOG.info(bans.size() + " bans read from " + file);
          return null;
        });
  }

  /** The bans of the file; one that is not a list of bans is a bad configuration, naming the file and its key. */
  private List<Ban> parse(Buffer content) {
    try {
      List<Ban> read = new ArrayList<>();
      for (Object item : new JsonArray(content)) {
        read.add(Ban.fromJson((JsonObject) item));
      }
      return read;
    } catch (RuntimeException e) {
      String why = String.valueOf(e.getMessage());
      throw new IllegalStateException("admin.bansFile: " + file + " is not a list of bans ("
          + (why.contains("\n") ? why.substring(0, why.indexOf('\n')) : why) + "): mend it or move it away", e);
    }
  }

  @Override
  public Future<Void> add(Ban ban) {
    bans.put(ban.id(), ban);
    return changed();
  }

  @Override
  public Future<Boolean> remove(String id) {
    boolean removed = bans.remove(id) != null;
    return changed().map(removed);
  }

  @Override
  public Future<List<Ban>> list() {
    return Future.succeededFuture(list.current(System.currentTimeMillis()));
  }

  private Future<Void> changed() {
    long now = System.currentTimeMillis();
    bans.values().removeIf(ban -> !ban.holds(now));
    list.set(bans.values());
    if (file.isEmpty()) {
      return Future.succeededFuture();
    }
    JsonArray out = new JsonArray();
    new ArrayList<>(bans.values()).forEach(ban -> out.add(ban.toJson()));
    byte[] bytes = out.toBuffer().getBytes();
    return vertx.executeBlocking(() -> {
      write(Path.of(file), bytes);
      return null;
    });
  }

  /** Replaces the file whole, private to this user, by renaming a complete temporary file over it. */
  static void write(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.write(temporary, bytes);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
