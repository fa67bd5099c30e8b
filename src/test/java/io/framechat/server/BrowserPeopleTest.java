package io.framechat.server;

import io.framechat.testing.Browser;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.framechat.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The chat page as one of a person's devices (token logins), in a real headless Chromium. */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class BrowserPeopleTest {

  private static final By DEV_BADGE = By.cssSelector("#room-list button[data-room='dev'] .unread");

  @RegisterExtension
  final Browser browser = new Browser();

  @AfterEach
  void quit() {
    browser.close();
  }

  private static FramechatServer server(Vertx vertx, Tokens tokens, JsonObject auth) {
    return TestServers.start(vertx, new JsonObject().put("auth", auth.put("mode", "jwt")
        .put("jwt", new JsonObject().put("secret", tokens.secret).put("issuer", Tokens.ISSUER)
            .put("audience", Tokens.AUDIENCE))));
  }

  private static TestClient login(Vertx vertx, FramechatServer server, Tokens tokens, String nick) {
    TestClient client = TestClient.tcp(vertx, server.tcpPort());
    client.send(new JsonObject().put("type", "hello").put("token", tokens.token(nick)));
    client.nextOfType("joined");
    return client;
  }

  /** Opens the page and logs in with {@code token}, as {@code nick}. */
  private WebDriver page(FramechatServer server, String token, String nick) {
    WebDriver page = browser.open();
    page.get("http://127.0.0.1:" + server.httpPort() + "/");
    browser.until("the token field", ExpectedConditions.visibilityOfElementLocated(By.id("token-input")))
        .sendKeys(token, Keys.ENTER);
    browser.untilTextIn(By.id("me"), nick);
    browser.untilTextIn(By.id("room-title"), "lobby");
    return page;
  }

  @Test
  @DisplayName("unread badges come from the server's read positions: a room read on the phone is not unread on the"
      + " page, and the room the page shows is read")
  void read_positions_across_devices(Vertx vertx) {
    Tokens tokens = Tokens.hs256(vertx);
    FramechatServer server = server(vertx, tokens, new JsonObject());
    WebDriver page = page(server, tokens.token("alice"), "alice");
    TestClient phone = login(vertx, server, tokens, "alice");
    TestClient bob = login(vertx, server, tokens, "bob");
    page.findElement(By.id("input")).sendKeys("/join dev", Keys.ENTER);
    browser.untilTextIn(By.id("room-title"), "dev");
    assertEquals("dev", phone.nextOfType("joined").getString("room"));
    bob.join("dev");
    page.findElement(By.cssSelector("#room-list button[data-room='lobby']")).click();
    browser.untilTextIn(By.id("room-title"), "lobby");

    long last = 0;
    for (int i = 1; i <= 3; i++) {
      bob.send(new JsonObject().put("type", "say").put("room", "dev").put("text", "unread " + i));
    }
    for (int i = 1; i <= 3; i++) {
      last = phone.nextOfType("message").getLong("seq");
    }
    browser.until("the dev badge at 3", ExpectedConditions.textToBePresentInElementLocated(DEV_BADGE, "3"));
    phone.send(new JsonObject().put("type", "read").put("room", "dev").put("seq", last));
    browser.until("the dev badge gone", ExpectedConditions.invisibilityOfElementLocated(DEV_BADGE));

    bob.send(new JsonObject().put("type", "say").put("room", "lobby").put("text", "in the shown room"));
    browser.untilTextIn(By.cssSelector("#messages li"), "in the shown room");
    JsonObject read = phone.nextOfType("read");
    assertEquals("lobby", read.getString("room"), "the page read the room it shows: " + read.encode());
  }

  @Test
  @DisplayName("a token about to expire: the page fetches a fresh one from auth.tokenRefreshUrl, or asks for one, and"
      + " the session goes on as it was")
  void renews_a_token(Vertx vertx) {
    Tokens tokens = Tokens.hs256(vertx);
    FramechatServer server = server(vertx, tokens, new JsonObject().put("tokenRefreshUrl", "/no-token-here"));
    WebDriver page = page(server, tokens.sign(Tokens.claims("alice", 60)), "alice");
    TestClient bob = login(vertx, server, tokens, "bob");
    browser.untilTextIn(By.cssSelector("#messages li.renew"), "could not be fetched (HTTP 404)");
    WebElement field = page.findElement(By.cssSelector("#messages li.renew input"));
    field.sendKeys(tokens.token("alice"), Keys.ENTER);
    browser.untilTextIn(By.cssSelector("#messages li"), "Your session is renewed.");
    assertEquals("lobby", page.findElement(By.id("room-title")).getText());
    page.findElement(By.id("input")).sendKeys("renewed and still here", Keys.ENTER);
    JsonObject said = bob.nextOfType("message");
    assertEquals("alice", said.getString("from"));
    assertEquals("renewed and still here", said.getString("text"));
  }
}
