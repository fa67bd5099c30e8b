package io.framechat;

import io.framechat.admin.AdminCommand;
import io.framechat.auth.TokenCommand;
import io.framechat.bench.BenchCommand;
import io.framechat.bots.BotsCommand;
import io.framechat.client.ClientCommand;
import io.framechat.server.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code java -jar framechat.jar [server] [--config FILE]}: with no subcommand, runs the server.
 */
@Command(name = "framechat",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "A chat server for framed TCP and plain UDP clients.",
    subcommands = {ServerCommand.class, ClientCommand.class, BotsCommand.class, BenchCommand.class, TokenCommand.class,
        AdminCommand.class})
public final class Main implements Callable<Integer> {

  @CommandLine.Mixin
  private ServerCommand server = new ServerCommand();

  public static void main(String[] args) {
    Logging.configure();
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand, for {@link #main} and for tests. */
  public static CommandLine commandLine() {
    CommandLine line = new CommandLine(new Main());
    versionEverywhere(line);
    return line;
  }

  /** {@code -V} on every subcommand prints the version, as on the top command. */
  private static void versionEverywhere(CommandLine line) {
    for (CommandLine sub : line.getSubcommands().values()) {
      sub.getCommandSpec().versionProvider(new Version());
      versionEverywhere(sub);
    }
  }

  @Override
  public Integer call() {
    return server.call();
  }
}
