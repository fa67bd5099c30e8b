package io.framechat.testing;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A headless Chromium driven through chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}, found on the {@code PATH}), and a JUnit extension that saves a
 * screenshot under {@code target/browser/} when a test fails.
 */
public final class Browser implements AfterTestExecutionCallback, AutoCloseable {

  public static final Path SCREENSHOTS = Path.of("target", "browser");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private WebDriver driver;

  /** Starts Chromium (once per test: {@link #close()} ends it). */
  public WebDriver open() {
    ChromeOptions options = new ChromeOptions()
        .setBinary(find("chromium", "chromium-browser", "google-chrome").toString())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1200,760", "--lang=en-GB")
        // desktop notifications allowed, as if the person had said yes when the page asked
        .setExperimentalOption("prefs", java.util.Map.of("profile.default_content_setting_values.notifications", 1));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(find("chromedriver").toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    return driver;
  }

  /** Makes the page see the system's dark colour scheme ({@code prefers-color-scheme: dark}). */
  public void darkScheme() {
    ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
        java.util.Map.of("features", java.util.List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
  }

  public WebDriver driver() {
    return driver;
  }

  /** Waits (up to 20 s) until {@code condition} gives a non-null, non-false value, and returns it. */
  public <T> T until(String what, ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
  }

  /** Waits until an element's text holds {@code text}. */
  public WebElement untilTextIn(By where, String text) {
    return until("\"" + text + "\" in " + where, d -> d.findElements(where).stream()
        .filter(e -> e.getText().contains(text)).findFirst().orElse(null));
  }

  /** The texts of the elements found. */
  public List<String> texts(By where) {
    return driver.findElements(where).stream().map(WebElement::getText).toList();
  }

  /** Saves what the page shows as {@code target/browser/NAME.png}; returns the file. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Path to = SCREENSHOTS.resolve(name + ".png");
      Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
      return to;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (driver != null && context.getExecutionException().isPresent()) {
      Path saved = screenshot("failed-" + context.getRequiredTestMethod().getName());
      System.err.println("screenshot of the failed page: " + saved);
    }
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
  }

  /** The first of {@code names} on the PATH; failing says what to install. */
  private static Path find(String... names) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
    return Stream.of(names)
        .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
        .filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new IllegalStateException("none of " + String.join(", ", names)
            + " on the PATH: the browser tests need Chromium and its driver (apt-get install chromium chromium-driver)"));
  }
}
