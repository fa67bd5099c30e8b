package io.framechat.protocol;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for nick and room names, shared by the configuration (the default room) and the chat.
 * Nicks: letters, digits, {@code _ - .}; rooms also allow {@code #}. No spaces or control characters,
 * so names survive the plain-text shorthand ({@code /msg NICK TEXT}) and terminal output.
 */
public final class Names {

  private static final Pattern NICK = Pattern.compile("[\\p{L}\\p{N}_.\\-]+");
  private static final Pattern ROOM = Pattern.compile("[\\p{L}\\p{N}_.#\\-]+");
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  private static final SpoofChecker SKELETON = new SpoofChecker.Builder().build();

  private Names() {
  }

  /**
   * The primary key of a nick ({@link #nickKeys}'s first): the nick in Unicode compatibility form
   * (NFKC), case-folded, then reduced to its confusables skeleton (UTS #39). It is what a ban
   * records; comparisons use every key.
   */
  public static String nickKey(String nick) {
    return nickKeys(nick).get(0);
  }

  /**
   * What nicks are compared by: two nicks are one nick when they share a key. Look-alikes share one
   * whatever their case: the skeleton of the case-folded nick (so {@code Alice}, Cyrillic
   * {@code аlice} and full-width {@code ａｌｉｃｅ} share {@code alice}), and the skeleton of the
   * case-folded skeleton of the nick as typed, in compatibility form and not (so {@code aIice}, with
   * a capital i, shares {@code alice}: the skeleton maps {@code I} to {@code l}, which case folding
   * first would have made an {@code i}; and {@code ſ} stays the {@code f} it looks like). One, two or
   * three keys; the nick itself is kept as typed, for display.
   */
  public static List<String> nickKeys(String nick) {
    String compatible = NFKC.normalize(nick);
    String folded = UCharacter.foldCase(compatible, true);
    Set<String> keys = new LinkedHashSet<>(4);
    synchronized (SKELETON) {
      keys.add(SKELETON.getSkeleton(folded));
      keys.add(SKELETON.getSkeleton(UCharacter.foldCase(SKELETON.getSkeleton(compatible), true)));
      keys.add(SKELETON.getSkeleton(UCharacter.foldCase(SKELETON.getSkeleton(nick), true)));
    }
    return List.copyOf(keys);
  }

  /** Whether two nicks are one nick: they share a key ({@link #nickKeys}). */
  public static boolean sameNick(String a, String b) {
    List<String> keys = nickKeys(b);
    for (String key : nickKeys(a)) {
      if (keys.contains(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether message text is free of control characters, which a terminal would take for cursor
   * moves, screen clears or a forged line: C0 controls (but tab and line feed), DEL and C1 controls.
   */
  public static boolean printableText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F)) {
        return false;
      }
    }
    return true;
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
