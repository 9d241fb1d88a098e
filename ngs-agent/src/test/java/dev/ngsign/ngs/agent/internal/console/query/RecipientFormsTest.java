package dev.ngsign.ngs.agent.internal.console.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecipientFormsTest {
  @Test
  void typed_with_or_without_hyphens_gives_both_stored_forms() {
    assertThat(RecipientForms.of("01012345678")).containsExactly("01012345678", "010-1234-5678");
    assertThat(RecipientForms.of("010-1234-5678")).containsExactly("01012345678", "010-1234-5678");
    assertThat(RecipientForms.of("010 1234 5678"))
        .containsExactly("01012345678", "010-1234-5678", "010 1234 5678");
    assertThat(RecipientForms.of("0111234567")).containsExactly("0111234567", "011-123-4567");
    assertThat(RecipientForms.of("021234567")).containsExactly("021234567", "02-123-4567");
    assertThat(RecipientForms.of("0212345678")).containsExactly("0212345678", "02-1234-5678");
    assertThat(RecipientForms.of("15881234")).containsExactly("15881234", "1588-1234");
    assertThat(RecipientForms.of("12345")).containsExactly("12345");
  }
}
