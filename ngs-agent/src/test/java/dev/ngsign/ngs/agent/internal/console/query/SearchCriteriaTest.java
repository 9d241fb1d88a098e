package dev.ngsign.ngs.agent.internal.console.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class SearchCriteriaTest {
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 24, 12, 30);

  @Test
  void bad_fields_are_named_and_a_recipient_is_never_repeated() {
    assertThatThrownBy(
            () -> new SearchCriteria("x".repeat(21), null, null, null, null, null, null, 5))
        .isInstanceOf(SearchException.class)
        .hasMessageStartingWith("serial: '" + "x".repeat(21) + "'");
    assertThatThrownBy(
            () -> new SearchCriteria(null, "010-1234-567a", null, null, null, null, null, 5))
        .isInstanceOf(SearchException.class)
        .hasMessageStartingWith("recipient: ")
        .hasMessageNotContaining("1234");
    assertThatThrownBy(
            () -> new SearchCriteria(null, null, null, null, NOW, NOW.minusHours(1), null, 5))
        .isInstanceOf(SearchException.class)
        .hasMessageStartingWith("from: ");
    assertThatThrownBy(() -> new SearchCriteria(null, null, null, null, null, null, null, 101))
        .isInstanceOf(SearchException.class)
        .hasMessageStartingWith("pageSize: 101");
    assertThatThrownBy(
            () -> new SearchCriteria(null, null, null, "a".repeat(33), null, null, null, 5))
        .isInstanceOf(SearchException.class)
        .hasMessageStartingWith("account: ");
  }

  @Test
  void blanks_mean_no_filter_and_values_are_trimmed() {
    SearchCriteria c = new SearchCriteria(" ", " 010-1234-5678 ", null, " a ", null, null, null, 5);
    assertThat(c.serial()).isNull();
    assertThat(c.recipient()).isEqualTo("010-1234-5678");
    assertThat(c.account()).isEqualTo("a");
  }
}
