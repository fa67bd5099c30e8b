package io.framechat;

import picocli.CommandLine;

/** The version from the jar manifest (or "dev" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {

  public static String get() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version != null ? version : "dev";
  }

  @Override
  public String[] getVersion() {
    return new String[] {"framechat " + get()};
  }
}
