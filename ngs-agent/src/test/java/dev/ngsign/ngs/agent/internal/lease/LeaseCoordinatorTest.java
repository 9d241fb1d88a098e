package dev.ngsign.ngs.agent.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseCoordinatorTest {
  @Test
  void accountsSpreadOverNodesAndANewNodeMovesOnlyItsShare() {
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      accounts.add("acc" + i);
    }
    Map<String, Integer> perNode = new HashMap<>();
    Map<String, String> before = new HashMap<>();
    for (String a : accounts) {
      String o = LeaseCoordinator.owner(a, List.of("n1", "n2", "n3"));
      before.put(a, o);
      perNode.merge(o, 1, Integer::sum);
    }
    assertThat(perNode.values()).allMatch(n -> n > 60);
    int moved = 0;
    for (String a : accounts) {
      String o = LeaseCoordinator.owner(a, List.of("n1", "n2", "n3", "n4"));
      if (!o.equals(before.get(a))) {
        moved++;
        assertThat(o).isEqualTo("n4");
      }
    }
    assertThat(moved).isBetween(40, 110);
  }

  @Test
  void theOwnerDoesNotDependOnListOrder() {
    assertThat(LeaseCoordinator.owner("main", List.of("b", "a", "c")))
        .isEqualTo(LeaseCoordinator.owner("main", List.of("c", "a", "b")));
  }
}
