package dev.ngsign.ngs.gateway.internal.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page's test-number table says what the simulated carriers do, for every fixed number. */
class TestNumberTableTest {
  @Test
  void every_row_is_what_the_simulator_answers() {
    CarrierSimulator carriers = new CarrierSimulator(0, 1);
    for (TestNumberTable.Row row : TestNumberTable.FIXED) {
      Deliver sms =
          Deliver.builder(MessageType.SMS)
              .daAddr(row.number())
              .callback("15880000")
              .text("x")
              .serial("S")
              .senderCode("101280092")
              .build();
      Outcome o = carriers.outcome(sms);
      assertThat(o.result()).as(row.number()).isEqualTo(row.result());
      assertThat(o.message().toWire()).as(row.number()).isEqualTo(row.message());
      assertThat(o.telco()).as(row.number()).isEqualTo(row.telco());
    }
  }

  @Test
  void every_fixed_test_number_has_a_row() throws IllegalAccessException {
    List<String> constants = new ArrayList<>();
    for (Field f : TestNumbers.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers())
          && f.getType() == String.class
          && !f.getName().endsWith("PREFIX")) {
        constants.add((String) f.get(null));
      }
    }
    assertThat(TestNumberTable.FIXED.stream().map(TestNumberTable.Row::number))
        .containsExactlyInAnyOrderElementsOf(constants);
  }
}
