package io.framechat.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigFileTest {

  @TempDir
  Path dir;

  private String problem(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return assertThrows(ConfigException.class, () -> ConfigFile.check(file)).getMessage();
  }

  @Test
  @DisplayName("a missing file, a directory, an empty file: each says so in one line")
  void missing_directory_empty() throws IOException {
    Path missing = dir.resolve("nope.json");
    assertEquals(missing + ": no such file", assertThrows(ConfigException.class, () -> ConfigFile.check(missing)).getMessage());
    assertEquals(dir + ": is a directory, not a file",
        assertThrows(ConfigException.class, () -> ConfigFile.check(dir)).getMessage());
    assertEquals(dir.resolve("empty.json") + ": is empty: expected a JSON object, such as {\"tcp\":{\"port\":9001}}",
        problem("empty.json", " \n"));
  }

  @Test
  @DisplayName("a JSON syntax error names its line and column")
  void syntax_error_line_and_column() throws IOException {
    String message = problem("bad.json", "{\n  \"tcp\": {\n    \"port\": 9001,\n  }\n}\n");
    assertEquals(dir.resolve("bad.json") + ": not valid JSON at line 4, column 3: Unexpected character ('}' (code 125)):"
        + " was expecting double-quote to start field name", message);
  }

  @Test
  @DisplayName("valid JSON that is not an object says what it is instead")
  void not_an_object() throws IOException {
    assertEquals(dir.resolve("list.json") + ": holds a JSON array, not an object: expected {\"section\":{\"key\":value}}",
        problem("list.json", "[1, 2]"));
    assertEquals(dir.resolve("text.json") + ": holds a JSON string, not an object: expected {\"section\":{\"key\":value}}",
        problem("text.json", "\"x\""));
  }

  @Test
  @DisplayName("an object passes")
  void object_passes() throws IOException {
    Path file = dir.resolve("ok.json");
    Files.writeString(file, "{\"tcp\":{\"port\":9001}}");
    assertDoesNotThrow(() -> ConfigFile.check(file));
  }
}
