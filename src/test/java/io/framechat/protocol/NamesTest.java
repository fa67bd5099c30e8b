package io.framechat.protocol;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.SpoofChecker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nicks are one nick when they look alike, whatever their case (UTS #39 confusables). */
class NamesTest {

  private static final Pattern NICK = Pattern.compile("[\\p{L}\\p{N}_.\\-]+");

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "aIice, alice", "maIlory, mallory", "AIICE, ALLCE", "MAILORY, mallory", "b0b, bob", "B0B, bob", "m, rn", "RN, m",
      "I, l", "1, l", "I, 1", "O, 0", "o, 0", "Alice, alice", "ALICE, alice",
      "\u0430lice, alice", "\uFF41\uFF4C\uFF49\uFF43\uFF45, alice", "\u017Fun, fun"})
  @DisplayName("look-alikes and case variants are one nick")
  void look_alikes_are_one_nick(String one, String other) {
    assertTrue(Names.sameNick(one, other), one + " and " + other);
    assertTrue(Names.sameNick(other, one), other + " and " + one);
  }

  @ParameterizedTest(name = "{0} is not {1}")
  @CsvSource({"alice, aiice", "bob, rob", "alice, alicia", "dev, deb", "ann, anna"})
  @DisplayName("nicks that do not look alike stay apart")
  void different_nicks_stay_apart(String one, String other) {
    assertFalse(Names.sameNick(one, other), one + " and " + other);
  }

  @Test
  @DisplayName("every confusable of UTS #39 in the nick alphabet is caught beside its prototype, with the rest of the nick in either case")
  void every_confusable_pair_is_caught() {
    SpoofChecker skeleton = new SpoofChecker.Builder().build();
    List<String> missed = new ArrayList<>();
    int pairs = 0;
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (Character.getType(cp) == Character.SURROGATE) {
        continue;
      }
      String c = new String(Character.toChars(cp));
      if (!NICK.matcher(c).matches()) {
        continue;
      }
      String prototype = skeleton.getSkeleton(c);
      if (prototype.equals(c) || !NICK.matcher(prototype).matches()) {
        continue;
      }
      pairs++;
      if (!Names.sameNick(c, prototype) || !Names.sameNick("al" + c + "ce", "AL" + prototype + "CE")
          || !Names.sameNick("AL" + c + "CE", "al" + prototype + "ce")) {
        missed.add(c + " (U+" + Integer.toHexString(cp) + ") and " + prototype);
      }
    }
    assertTrue(pairs > 10_000, pairs + " pairs");
    assertEquals(List.of(), missed);
  }

  @Test
  @DisplayName("a nick's case variants share a key")
  void case_variants_share_a_key() {
    for (String nick : List.of("alice", "Zoë", "Ärger", "straße", "ΣΟΦΙΑ")) {
      assertTrue(Names.sameNick(nick, UCharacter.toUpperCase(nick)), nick);
      assertTrue(Names.sameNick(nick, UCharacter.toLowerCase(nick)), nick);
    }
  }
}
