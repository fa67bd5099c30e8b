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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What people expect of the page: links, mentions and notifications, nick colours, dark mode. Real Chromium. */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class BrowserPageTest {

  private static final By LINES = By.cssSelector("#messages li");

  @RegisterExtension
  final Browser browser = new Browser();

  @AfterEach
  void quit() {
    browser.close();
  }

  private WebDriver page(FramechatServer server, String nick) {
    WebDriver page = browser.open();
    page.get("http://127.0.0.1:" + server.httpPort() + "/");
    browser.until("the login form", ExpectedConditions.visibilityOfElementLocated(By.id("nick-input")))
        .sendKeys(nick, Keys.ENTER);
    browser.untilTextIn(By.id("me"), nick);
    browser.untilTextIn(By.id("room-title"), "lobby");
    return page;
  }

  private WebElement line(String text) {
    return browser.untilTextIn(LINES, text);
  }

  /** Waits for a line holding {@code text}, looked for in the page itself (thousands of lines: one call each time). */
  private void shown(WebDriver page, String text) {
    browser.until("a line with \"" + text + "\"", driver -> (Boolean) ((JavascriptExecutor) page).executeScript(
        "return [...document.querySelectorAll('#messages li')].some(l => l.textContent.includes(arguments[0]));", text));
  }

  @Test
  @DisplayName("http(s) URLs become links opened apart, nothing else does; a line naming me is a mention, and raises"
      + " a notification and a count in the title while the page is hidden")
  void links_and_mentions(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx);
    WebDriver page = page(server, "ada");
    TestClient bob = TestClient.tcp(vertx, server.tcpPort()).hello("bob").join("lobby");
    bob.send("see https://example.org/a?b=1, javascript:alert(1) and data:text/html,<b>hi</b>");
    WebElement links = line("see https://example.org/a?b=1");
    List<WebElement> anchors = links.findElements(By.tagName("a"));
    assertEquals(1, anchors.size(), links.getAttribute("innerHTML"));
    assertEquals("https://example.org/a?b=1", anchors.get(0).getAttribute("href"));
    assertEquals("_blank", anchors.get(0).getAttribute("target"));
    assertEquals("noopener noreferrer", anchors.get(0).getAttribute("rel"));
    assertTrue(links.getText().contains("javascript:alert(1) and data:text/html,<b>hi</b>"), links.getText());

    bob.send("ADA, have a look");
    assertTrue(line("ADA, have a look").getAttribute("class").contains("mention"));
    bob.send("adamant is another word");
    assertTrue(!line("adamant is another word").getAttribute("class").contains("mention"));
    String from = line("adamant").findElement(By.className("from")).getCssValue("color");
    assertTrue(from.startsWith("rgb"), "a colour of its own: " + from);

    // the page hidden behind another tab: a mention is notified, and counted in the title
    ((JavascriptExecutor) page).executeScript("""
        window.shown = [];
        const Real = window.Notification;
        window.Notification = class extends Real {
          constructor(title, options) { super(title, options); window.shown.push(title + ': ' + options.body); }
        };
        window.titles = [];
        new MutationObserver(() => window.titles.push(document.title))
          .observe(document.querySelector('title'), { childList: true });""");
    String chat = page.getWindowHandle();
    page.switchTo().newWindow(WindowType.TAB);
    bob.send("ada, are you there?");
    bob.sync();
    page.switchTo().window(chat);
    browser.until("the notification", driver -> ((JavascriptExecutor) driver)
        .executeScript("return window.shown.length > 0 ? window.shown : null;"));
    assertEquals(List.of("bob in lobby: ada, are you there?"),
        ((JavascriptExecutor) page).executeScript("return window.shown;"));
    Object titles = ((JavascriptExecutor) page).executeScript("return window.titles;");
    assertTrue(String.valueOf(titles).contains("(@1) framechat"), String.valueOf(titles));
  }

  @Test
  @DisplayName("dark mode follows the system's scheme, and a toggle, remembered, sets it")
  void dark_mode(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx);
    browser.open();
    browser.darkScheme();
    WebDriver page = browser.driver();
    page.get("http://127.0.0.1:" + server.httpPort() + "/");
    browser.until("the login form", ExpectedConditions.visibilityOfElementLocated(By.id("nick-input")));
    assertEquals("rgba(23, 24, 27, 1)", page.findElement(By.tagName("html")).getCssValue("background-color"));
    assertEquals("dark", page.findElement(By.tagName("html")).getAttribute("data-theme"));
    page.findElement(By.id("theme")).click();
    assertEquals("light", page.findElement(By.tagName("html")).getAttribute("data-theme"));
    assertEquals("rgba(251, 251, 250, 1)", page.findElement(By.tagName("html")).getCssValue("background-color"));
    page.navigate().refresh();
    browser.until("the login form again", ExpectedConditions.visibilityOfElementLocated(By.id("nick-input")));
    assertEquals("light", page.findElement(By.tagName("html")).getAttribute("data-theme"), "the choice is remembered");

    // the README's picture in dark mode: a conversation with a link and a mention
    page.findElement(By.id("theme")).click();
    page.findElement(By.id("nick-input")).sendKeys("ada", Keys.ENTER);
    browser.untilTextIn(By.id("room-title"), "lobby");
    TestClient bob = TestClient.tcp(vertx, server.tcpPort()).hello("bob").join("lobby");
    bob.send("the release notes are at https://example.org/notes");
    bob.send("ada, can you have a look before the call?");
    page.findElement(By.id("input")).sendKeys("on it, bob", Keys.ENTER);
    line("on it, bob");
    Path shot = browser.screenshot("chat-page-dark");
    String docs = System.getProperty("framechat.docsScreenshots");
    if (docs != null) {
      Files.createDirectories(Path.of(docs));
      Files.copy(shot, Path.of(docs, "chat-page-dark.png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  @DisplayName("the page checks by the server's rules: a nick like zoë gets in, text is measured in UTF-8 bytes, and a"
      + " message the server refuses stays in the box with the reason")
  void the_servers_rules(Vertx vertx) {
    Tokens tokens = Tokens.hs256(vertx);
    FramechatServer open = TestServers.start(vertx, TestServers.set("chat", "maxTextBytes", 20));
    WebDriver page = page(open, "zoë");
    WebElement input = page.findElement(By.id("input"));
    input.sendKeys("ééééééééééé", Keys.ENTER); // 11 characters, 22 bytes
    line("22 bytes (UTF-8), over the server's limit of 20");
    assertEquals("ééééééééééé", input.getAttribute("value"), "refused here: still in the box");
    browser.close();

    FramechatServer tokened = TestServers.start(vertx, new JsonObject().put("auth", new JsonObject().put("mode", "jwt")
        .put("jwt", new JsonObject().put("secret", tokens.secret).put("issuer", Tokens.ISSUER)
            .put("audience", Tokens.AUDIENCE))));
    page = browser.open();
    page.get("http://127.0.0.1:" + tokened.httpPort() + "/");
    browser.until("the token field", ExpectedConditions.visibilityOfElementLocated(By.id("token-input")))
        .sendKeys(tokens.sign(Tokens.rooms(Tokens.claims("reader", 600), List.of("dev"), List.of("lobby"))), Keys.ENTER);
    browser.untilTextIn(By.id("room-title"), "lobby");
    assertTrue(!page.findElement(By.id("nick-input")).isDisplayed(), "no nick asked: the token names it");
    input = page.findElement(By.id("input"));
    input.sendKeys("only reading here", Keys.ENTER);
    line("Not sent: Your token does not allow that. It is back in the box.");
    assertEquals("only reading here", input.getAttribute("value"));
  }

  /**
   * Scrolls the messages to the top, as a person does, until a line older than {@code oldest} is the
   * first: again whenever the view is no longer at the top. Otherwise fails with where the view is and
   * which lines it holds.
   */
  private void scrollBackFrom(JavascriptExecutor js, long oldest) {
    String seqs = "const m = document.getElementById('messages');"
        + " const seqs = [...m.querySelectorAll('li[data-seq]')].map(li => Number(li.dataset.seq));";
    try {
      browser.until("older messages than " + oldest, driver -> ((Number) js.executeScript(seqs
          + " if (seqs[0] >= " + oldest + " && m.scrollTop > 0) { m.scrollTop = 0; }"
          + " return seqs[0];")).longValue() < oldest);
    } catch (TimeoutException e) {
      throw new AssertionError("no line older than " + oldest + " after scrolling to the top: " + js.executeScript(seqs
          + " return JSON.stringify({top: m.scrollTop, height: m.scrollHeight, lines: seqs.length,"
          + " first: seqs.slice(0, 3), last: seqs.slice(-3)});"), e);
    }
  }

  @Test
  @DisplayName("scrolling to the top of a room with 3,000 messages reaches the first one, a page at a time, and the"
      + " page then holds no more than its bound of lines")
  void endless_scrollback(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, TestServers.set("chat", "historySize", 5000));
    TestClient bob = TestClient.tcp(vertx, server.tcpPort()).hello("bob").join("lobby");
    bob.chatter(vertx, "lobby", 3000).await(60, java.util.concurrent.TimeUnit.SECONDS);
    JsonObject last = bob.nextOfType("message");
    while (!"bob 3000".equals(last.getString("text"))) {
      last = bob.nextOfType("message");
    }
    WebDriver page = page(server, "ada");
    shown(page, "bob 3000");
    JavascriptExecutor js = (JavascriptExecutor) page;
    for (int pages = 0; pages < 40; pages++) {
      Object oldest = js.executeScript("return Number(document.querySelector('#messages li[data-seq]').dataset.seq);");
      if (((Number) oldest).longValue() == 1) {
        break;
      }
      scrollBackFrom(js, ((Number) oldest).longValue());
      Number offset = (Number) js.executeScript("const m = document.getElementById('messages');"
          + " return document.querySelector('#messages li[data-seq=\"" + oldest + "\"]').getBoundingClientRect().top"
          + " - m.getBoundingClientRect().top;");
      assertTrue(Math.abs(offset.doubleValue()) <= 1, () -> "the line read stays at the top as older ones go in above"
          + " it: " + offset + " px from it; " + js.executeScript("const m = document.getElementById('messages');"
          + " return JSON.stringify({top: m.scrollTop, first: [...m.children].slice(0, 3).map(li => li.dataset.seq)});"));
    }
    assertEquals("bob 1", page.findElement(By.cssSelector("#messages li[data-seq='1'] .text")).getText());
    js.executeScript("document.getElementById('messages').scrollTop = 0;");
    shown(page, "This is the first message the server keeps of this room.");
    long lines = (Long) js.executeScript("return document.querySelectorAll('#messages li').length;");
    assertTrue(lines >= 3000 && lines <= 5000, lines + " lines");
    assertEquals(1, page.findElements(By.xpath("//li[contains(., 'bob 1500')]")).size(), "each message once");
  }

  @Test
  @DisplayName("a busy room stays within 5,000 lines: the oldest go while following it, the newest while reading far"
      + " back, and each comes again when scrolled to; jump to latest brings the end back")
  void bounded_lines(Vertx vertx) throws Exception {
    FramechatServer server = TestServers.start(vertx, TestServers.set("chat", "historySize", 8000));
    WebDriver page = page(server, "ada");
    JavascriptExecutor js = (JavascriptExecutor) page;
    TestClient bob = TestClient.tcp(vertx, server.tcpPort()).hello("bob").join("lobby");
    bob.chatter(vertx, "lobby", 6000).await(60, java.util.concurrent.TimeUnit.SECONDS);
    shown(page, "bob 6000");
    long lines = (Long) js.executeScript("return document.querySelectorAll('#messages li').length;");
    assertTrue(lines <= 5000, lines + " lines");
    Number oldest = (Number) js.executeScript("return Number(document.querySelector('#messages li[data-seq]').dataset.seq);");
    assertTrue(oldest.longValue() > 1000, "the oldest went: " + oldest);

    for (int pages = 0; pages < 10; pages++) {
      Number before = (Number) js.executeScript(
          "return Number(document.querySelector('#messages li[data-seq]').dataset.seq);");
      scrollBackFrom(js, before.longValue());
    }
    lines = (Long) js.executeScript("return document.querySelectorAll('#messages li').length;");
    assertTrue(lines <= 5000, lines + " lines after reading back");
    assertTrue(page.findElements(By.xpath("//li[contains(., 'bob 6000')]")).isEmpty(), "the newest went meanwhile");
    browser.until("the jump button", ExpectedConditions.visibilityOfElementLocated(By.id("jump"))).click();
    shown(page, "bob 6000");
    lines = (Long) js.executeScript("return document.querySelectorAll('#messages li').length;");
    assertTrue(lines <= 5000, lines + " lines after the jump");
  }

  @Test
  @DisplayName("at phone width the rooms and the members are drawers, nothing scrolls sideways, the join form fits;"
      + " the list of all rooms keeps its counts current")
  void phone_layout_and_live_counts(Vertx vertx) {
    FramechatServer server = TestServers.start(vertx);
    WebDriver page = browser.open();
    page.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    page.get("http://127.0.0.1:" + server.httpPort() + "/");
    browser.until("the login form", ExpectedConditions.visibilityOfElementLocated(By.id("nick-input")))
        .sendKeys("pip", Keys.ENTER);
    browser.untilTextIn(By.id("room-title"), "lobby");
    JavascriptExecutor js = (JavascriptExecutor) page;
    assertEquals(true, js.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"),
        "no sideways scrolling");
    assertTrue(!page.findElement(By.id("rooms")).isDisplayed(), "the rooms are a drawer, closed");
    page.findElement(By.id("show-rooms")).click();
    WebElement field = browser.until("the join form", ExpectedConditions.visibilityOfElementLocated(By.id("join-input")));
    // once the drawer has slid in: the field lies wholly on the screen, wide enough to type in
    browser.until("the join form to fit", driver -> (Boolean) js.executeScript("const r = arguments[0]"
        + ".getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth && r.width >= 150;", field));
    field.sendKeys("garden", Keys.ENTER);
    browser.untilTextIn(By.id("room-title"), "garden");
    browser.until("the drawer closed", ExpectedConditions.invisibilityOfElementLocated(By.id("join-input")));
    browser.screenshot("chat-page-phone-drawers");

    page.findElement(By.id("show-rooms")).click();
    By gardenCount = By.cssSelector("#all-rooms button[data-room='garden'] .count");
    browser.until("garden listed with 1", ExpectedConditions.textToBePresentInElementLocated(gardenCount, "1"));
    TestClient.tcp(vertx, server.tcpPort()).hello("quinn").join("garden");
    browser.until("garden's count current", ExpectedConditions.textToBePresentInElementLocated(gardenCount, "2"));
  }
}
