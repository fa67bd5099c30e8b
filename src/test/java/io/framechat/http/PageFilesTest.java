package io.framechat.http;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PageFilesTest {

  @Test
  @DisplayName("the page's file list names exactly the files in webroot/, and they all load")
  void lists_every_file() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", PageFiles.WEBROOT))) {
      Set<String> present = files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(present, new TreeSet<>(PageFiles.NAMES));
    }
    PageFiles.load();
  }
}
