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
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat page in a real headless Chromium, beside TCP and UDP test clients. A failing test leaves
 * a screenshot in {@code target/browser/}; {@code -Dframechat.docsScreenshots=docs/images} also
 * copies the page's picture there for the README.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class BrowserTest {

  private static final By LINES = By.cssSelector("#messages li");

  @RegisterExtension
  final Browser browser = new Browser();

  @AfterEach
  void quit() {
    browser.close();
  }

  @Test
  @DisplayName("the page chats with a TCP and a UDP client in one room: history on join, members, unread counts, whispers, text shown as text, leaving and joining again")
  void chats_beside_tcp_and_udp(Vertx vertx) throws IOException {
    FramechatServer server = TestServers.start(vertx);
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort()).hello("tess").join("dev");
    tcp.send("said before the browser came");
    tcp.nextOfType("message");
    WebDriver page = browser.open();
    page.get("http://127.0.0.1:" + server.httpPort() + "/");
    login("ada");

    page.findElement(By.id("join-input")).sendKeys("dev", Keys.ENTER);
    browser.untilTextIn(By.id("room-title"), "dev");
    WebElement old = browser.untilTextIn(LINES, "said before the browser came");
    assertTrue(old.getAttribute("class").contains("history"), old.getAttribute("class"));
    TestClient udp = TestClient.udp(vertx, server.udpPort()).hello("udo").join("dev");
    browser.untilTextIn(By.id("members"), "udo");
    assertTrue(page.findElement(By.id("members")).getText().contains("tess"));

    page.findElement(By.id("input")).sendKeys("hello from chromium", Keys.ENTER);
    for (TestClient other : new TestClient[] {tcp, udp}) {
      JsonObject message = nextFrom(other, "ada");
      assertEquals("hello from chromium", message.getString("text"));
      assertEquals("dev", message.getString("room"));
    }
    tcp.send("hi ada, from a TCP socket");
    udp.send("and hi from a UDP datagram");
    assertTrue(browser.untilTextIn(LINES, "hi ada, from a TCP socket").getText().contains("tess:"));
    assertTrue(browser.untilTextIn(LINES, "and hi from a UDP datagram").getText().contains("udo:"));

    String hostile = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"><b>bold?</b>";
    tcp.send(new JsonObject().put("type", "say").put("room", "dev").put("text", hostile));
    WebElement shown = browser.untilTextIn(LINES, "<script>");
    assertEquals(hostile, shown.findElement(By.className("text")).getText());
    assertEquals(0, page.findElements(By.cssSelector("#messages script, #messages img, #messages b")).size());
    assertNull(((JavascriptExecutor) page).executeScript("return window.pwned ?? null"));

    tcp.send(new JsonObject().put("type", "say").put("room", "lobby").put("text", "meanwhile in the lobby"));
    browser.untilTextIn(By.cssSelector("#room-list button.room[data-room='lobby'] .unread"), "1");
    udp.send("/msg ada psst, only for you");
    assertTrue(browser.untilTextIn(By.cssSelector("#messages li.whisper"), "psst, only for you")
        .getText().contains("udo → you"));

    Path shot = browser.screenshot("chat-page");
    String docs = System.getProperty("framechat.docsScreenshots");
    if (docs != null) {
      Files.createDirectories(Path.of(docs));
      Files.copy(shot, Path.of(docs, "chat-page.png"), StandardCopyOption.REPLACE_EXISTING);
    }
    page.manage().window().setSize(new Dimension(390, 844)); // a phone
    assertTrue(page.findElement(By.id("input")).isDisplayed());
    assertEquals(true, ((JavascriptExecutor) page)
        .executeScript("return document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
    browser.screenshot("chat-page-phone");
    page.manage().window().setSize(new Dimension(1200, 760));
    page.findElement(By.cssSelector("#room-list button.room[data-room='lobby']")).click();
    browser.untilTextIn(LINES, "meanwhile in the lobby");
    assertEquals(0, page.findElements(By.cssSelector("#room-list .unread")).size());

    // leave dev with its button, then join it again from the list of every room
    page.findElement(By.cssSelector("#room-list button.leave[data-room='dev']")).click();
    JsonObject left = tcp.nextPresence("leave");
    while (!"dev".equals(left.getString("room"))) {
      left = tcp.nextPresence("leave");
    }
    assertEquals("ada", left.getString("nick"));
    browser.until("dev gone from the page's rooms",
        d -> d.findElements(By.cssSelector("#room-list button.room[data-room='dev']")).isEmpty());
    browser.until("dev in the list of every room", d -> !d.findElements(By.cssSelector("#all-rooms button[data-room='dev']")).isEmpty());
    page.findElement(By.cssSelector("#all-rooms button[data-room='dev']")).click();
    browser.untilTextIn(By.id("room-title"), "dev");
    browser.untilTextIn(By.cssSelector("#room-list button.room[data-room='dev']"), "dev");
  }

  @Test
  @DisplayName("the server restarts with history in memory: the page reconnects by itself, says the history is gone, and shows what was said meanwhile, once")
  void resumes_after_a_restart(Vertx vertx) {
    restart(vertx, new JsonObject(), false);
  }

  @Test
  @DisplayName("the server restarts with history in SQLite: the page reconnects and resumes, and nothing is said to be gone")
  void resumes_after_a_restart_with_history_kept(Vertx vertx, @TempDir Path dir) {
    restart(vertx, new JsonObject().put("store", new JsonObject().put("kind", "sqlite")
        .put("path", dir.resolve("chat.db").toString())), true);
  }

  private void restart(Vertx vertx, JsonObject config, boolean kept) {
    FramechatServer first = TestServers.start(vertx, config);
    int httpPort = first.httpPort();
    WebDriver page = browser.open();
    page.get("http://127.0.0.1:" + httpPort + "/");
    login("bea");
    page.findElement(By.id("input")).sendKeys("/join dev", Keys.ENTER);
    browser.untilTextIn(By.id("room-title"), "dev");
    TestClient tcp = TestClient.tcp(vertx, first.tcpPort()).hello("tess").join("dev");
    tcp.send("before the restart");
    browser.untilTextIn(LINES, "before the restart");

    first.stop().await();
    browser.untilTextIn(LINES, "The server is restarting.");
    browser.untilTextIn(LINES, "Connection lost");
    FramechatServer second = TestServers.start(vertx, config.copy().put("http", new JsonObject().put("port", httpPort)));
    TestClient back = TestClient.tcp(vertx, second.tcpPort()).hello("tess").join("dev");
    back.send("said while the page was away");

    browser.untilTextIn(LINES, "said while the page was away");
    browser.untilTextIn(LINES, "Reconnected.");
    if (kept) {
      // a live message after the resume: the page has handled the resume's recovered before it
      back.send("after the resume");
      browser.untilTextIn(LINES, "after the resume");
      assertEquals(0, count("The server restarted"), "the room kept its history: nothing to say");
      assertEquals(0, count("missing"));
      assertEquals(1, count("before the restart"));
    } else {
      browser.untilTextIn(LINES, "The server restarted");
      assertEquals(1, count("before the restart"));
    }
    assertEquals("dev", page.findElement(By.id("room-title")).getText());
    assertEquals(1, count("said while the page was away"));
    page.findElement(By.id("input")).sendKeys("glad to be back", Keys.ENTER);
    assertEquals("glad to be back", nextFrom(back, "bea").getString("text"));
  }

  @Test
  @DisplayName("a taken nick is refused on the login form in words, and another one gets in")
  void taken_nick(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx);
    TestClient.tcp(vertx, server.tcpPort()).hello("cy");
    WebDriver page = browser.open();
    page.get("http://127.0.0.1:" + server.httpPort() + "/");
    WebElement field = browser.until("the login form", ExpectedConditions.visibilityOfElementLocated(By.id("nick-input")));
    field.sendKeys("cy", Keys.ENTER);
    browser.untilTextIn(By.id("login-error"), "That nick is taken");
    login("cy2");
    assertEquals("lobby", page.findElement(By.id("room-title")).getText());
  }

  @Test
  @DisplayName("with token logins on, the page asks for a token: a refused one is said in words, a good one logs in under its nick")
  void logs_in_with_a_token(Vertx vertx) {
    Tokens tokens = Tokens.hs256(vertx);
    FramechatServer server = TestServers.start(vertx, new JsonObject().put("auth", new JsonObject().put("mode", "jwt")
        .put("jwt", new JsonObject().put("secret", tokens.secret).put("issuer", Tokens.ISSUER)
            .put("audience", Tokens.AUDIENCE))));
    WebDriver page = browser.open();
    page.get("http://127.0.0.1:" + server.httpPort() + "/");
    WebElement token = browser.until("the token field", ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
    token.sendKeys("not-a-token", Keys.ENTER);
    browser.untilTextIn(By.id("login-error"), "The token was refused.");
    token = browser.until("the token field again", ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
    token.clear();
    token.sendKeys(tokens.token("dora"), Keys.ENTER);
    browser.untilTextIn(By.id("me"), "dora");
    browser.untilTextIn(By.id("room-title"), "lobby");
    TestClient tcp = TestClient.tcp(vertx, server.tcpPort());
    tcp.send(new JsonObject().put("type", "hello").put("token", tokens.token("eve")));
    tcp.nextOfType("joined");
    page.findElement(By.id("input")).sendKeys("hi eve", Keys.ENTER);
    assertEquals("dora", nextFrom(tcp, "dora").getString("from"));
  }

  private void login(String nick) {
    WebElement field = browser.until("the login form", ExpectedConditions.visibilityOfElementLocated(By.id("nick-input")));
    field.clear();
    field.sendKeys(nick, Keys.ENTER);
    browser.untilTextIn(By.id("me"), nick);
    browser.until("the chat", ExpectedConditions.visibilityOfElementLocated(By.id("input")));
  }

  private long count(String text) {
    return browser.texts(LINES).stream().filter(line -> line.contains(text)).count();
  }

  private static JsonObject nextFrom(TestClient client, String nick) {
    JsonObject message = client.nextOfType("message");
    while (!nick.equals(message.getString("from"))) {
      message = client.nextOfType("message");
    }
    return message;
  }
}
