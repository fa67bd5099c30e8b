package io.framechat.bans;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The bans of a single node: in memory and, when {@code admin.bansFile} names a file, written there
 * at every change (a JSON array) and read back at start, so that they outlive a restart. Lapsed bans
 * are dropped when the list is written. Changes run one at a time on the caller's context.
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
          for (Object item : new JsonArray(content)) {
            Ban ban = Ban.fromJson((JsonObject) item);
            if (ban.holds(now)) {
              bans.put(ban.id(), ban);
            }
          }
          list.set(bans.values());
          LOG.info(bans.size() + " bans read from " + file);
          return null;
        });
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
    return vertx.fileSystem().writeFile(file, out.toBuffer());
  }
}
