package io.framechat.server;

import io.framechat.testing.Browser;
import io.framechat.testing.TestClient;
import io.framechat.testing.TestServers;
import io.vertx.core.Vertx;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

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
  void dark_mode(Vertx vertx) {
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
  }
}
