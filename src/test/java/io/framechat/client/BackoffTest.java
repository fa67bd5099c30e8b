package io.framechat.client;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

  @Test
  @DisplayName("delays double up to the maximum; the lowest draw is half of that, the highest all of it")
  void doubles_up_to_the_maximum() {
    Backoff lowest = new Backoff(250, 8000, bound -> 0);
    Backoff highest = new Backoff(250, 8000, bound -> bound - 1);
    long[] ceilings = {250, 500, 1000, 2000, 4000, 8000, 8000, 8000};
    for (int attempt = 1; attempt <= ceilings.length; attempt++) {
      assertEquals(ceilings[attempt - 1] / 2, lowest.delayMillis(attempt), "attempt " + attempt);
      assertEquals(ceilings[attempt - 1], highest.delayMillis(attempt), "attempt " + attempt);
    }
    assertEquals(8000, highest.delayMillis(1000), "no overflow far out");
    assertEquals(8000, highest.delayMillis(Integer.MAX_VALUE));
  }

  @Test
  @DisplayName("a first delay of zero or over the maximum is refused")
  void bad_bounds() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 100, bound -> 0));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(200, 100, bound -> 0));
  }
}
