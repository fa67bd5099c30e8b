package io.framechat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the command line prints for help and version, on every subcommand. */
class CommandLineTest {

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine line = Main.commandLine();
    line.setOut(new PrintWriter(out));
    assertEquals(0, line.execute(args), String.join(" ", args));
    return out.toString();
  }

  @Test
  @DisplayName("-V and --version print the version on the top command and on every subcommand")
  void version_everywhere() {
    String version = run("-V").strip();
    assertTrue(version.startsWith("framechat "), version);
    for (String sub : Main.commandLine().getSubcommands().keySet()) {
      assertEquals(version, run(sub, "-V").strip(), sub);
      assertEquals(version, run(sub, "--version").strip(), sub);
    }
  }

  @Test
  @DisplayName("help texts show ${...} where they mean it, and no \"null\" in their place")
  void help_shows_variables() {
    String bots = run("bots", "--help");
    assertTrue(bots.contains("Value of ${run} in the script"), bots);
    for (String sub : Main.commandLine().getSubcommands().keySet()) {
      assertFalse(run(sub, "--help").contains(" null"), sub);
    }
  }

  @Test
  @DisplayName("every option and parameter of every command, down to the admin subcommands, is described in --help")
  void every_option_is_described() {
    java.util.List<String> bare = new java.util.ArrayList<>();
    java.util.Deque<CommandLine> commands = new java.util.ArrayDeque<>(java.util.List.of(Main.commandLine()));
    while (!commands.isEmpty()) {
      CommandLine command = commands.pop();
      commands.addAll(command.getSubcommands().values());
      command.getCommandSpec().options().stream()
          .filter(option -> String.join("", option.description()).isBlank())
          .forEach(option -> bare.add(command.getCommandSpec().qualifiedName() + " " + option.longestName()));
      command.getCommandSpec().positionalParameters().stream()
          .filter(parameter -> String.join("", parameter.description()).isBlank())
          .forEach(parameter -> bare.add(command.getCommandSpec().qualifiedName() + " " + parameter.paramLabel()));
    }
    assertEquals(java.util.List.of(), bare);
  }
}
