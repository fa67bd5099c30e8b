package io.framechat.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks a configuration file before it is loaded, so that each way it can be wrong gets its own
 * one-line reason: missing, a directory, unreadable, not JSON (with the line and column), or JSON
 * that is not an object.
 */
public final class ConfigFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigFile() {
  }

  /** Throws {@link ConfigException} (key: the file's name) saying what is wrong with {@code file}. */
  public static void check(Path file) {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new ConfigException(name, "is a directory, not a file");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name, "no such file");
    } catch (AccessDeniedException e) {
      throw new ConfigException(name, "cannot be read: permission denied");
    } catch (IOException e) {
      throw new ConfigException(name, "cannot be read: " + e.getMessage());
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ConfigException(name, "not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr()
          + ": " + firstLine(e.getOriginalMessage()));
    }
    if (root == null || root.isMissingNode()) {
      throw new ConfigException(name, "is empty: expected a JSON object, such as {\"tcp\":{\"port\":9001}}");
    }
    if (!root.isObject()) {
      throw new ConfigException(name, "holds a JSON " + kind(root) + ", not an object: expected {\"section\":{\"key\":value}}");
    }
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "array";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
