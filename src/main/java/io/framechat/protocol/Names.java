package io.framechat.protocol;

import java.util.regex.Pattern;

/**
 * The rules for nick and room names, shared by the configuration (the default room) and the chat.
 * Nicks: letters, digits, {@code _ - .}; rooms also allow {@code #}. No spaces or control characters,
 * so names survive the plain-text shorthand ({@code /msg NICK TEXT}) and terminal output.
 */
public final class Names {

  private static final Pattern NICK = Pattern.compile("[\\p{L}\\p{N}_.\\-]+");
  private static final Pattern ROOM = Pattern.compile("[\\p{L}\\p{N}_.#\\-]+");

  private Names() {
  }

  /** Why {@code nick} is not acceptable, or null when it is. */
  public static String nickProblem(String nick, int maxLength) {
    return problem("nick", nick, maxLength, NICK, "letters, digits, '_', '-' and '.'");
  }

  /** Why {@code room} is not acceptable, or null when it is. */
  public static String roomProblem(String room, int maxLength) {
    return problem("room name", room, maxLength, ROOM, "letters, digits, '_', '-', '.' and '#'");
  }

  private static String problem(String what, String name, int maxLength, Pattern allowed, String allowedText) {
    if (name.isEmpty()) {
      return what + " must not be empty";
    }
    int length = name.codePointCount(0, name.length());
    if (length > maxLength) {
      return what + " is longer than " + maxLength + " characters";
    }
    if (!allowed.matcher(name).matches()) {
      return what + " may only hold " + allowedText;
    }
    return null;
  }
}
