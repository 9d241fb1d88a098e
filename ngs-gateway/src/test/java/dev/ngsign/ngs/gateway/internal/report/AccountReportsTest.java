package dev.ngsign.ngs.gateway.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AccountReportsTest {
  /** A waiting report as {@code due()} returns it. */
  private record Entry(long due, long gw, long pos) {}

  /** (due, gw) as one sortable key for the reference model; due and gw stay below 2^20 here. */
  private static long key(long due, long gw) {
    return due << 20 | gw;
  }

  private static List<Entry> due(AccountReports r, long afterDue, long afterGw, long now, int max) {
    long[] out = new long[max * 3];
    int n = r.due(afterDue, afterGw, now, max, out);
    List<Entry> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new Entry(out[i * 3], out[i * 3 + 1], out[i * 3 + 2]));
    }
    return list;
  }

  private static List<Entry> all(AccountReports r) {
    return due(r, 0, -1, Long.MAX_VALUE, r.size() + 1);
  }

  @Test
  void appendsInOrderAndListsWhatIsDue() {
    AccountReports r = new AccountReports();
    for (int i = 1; i <= 5; i++) {
      assertThat(r.put(i * 10, i, 100 + i)).isTrue();
    }
    assertThat(r.size()).isEqualTo(5);

    assertThat(due(r, 0, -1, 30, 10)).containsExactly(
        new Entry(10, 1, 101), new Entry(20, 2, 102), new Entry(30, 3, 103)); // due at now counts
    assertThat(due(r, 0, -1, 29, 10)).containsExactly(new Entry(10, 1, 101), new Entry(20, 2, 102));
    assertThat(due(r, 0, -1, 9, 10)).isEmpty();
    assertThat(due(r, 0, -1, 100, 2)).containsExactly(new Entry(10, 1, 101), new Entry(20, 2, 102));
    assertThat(due(r, 0, -1, 100, 0)).isEmpty();

    // the cursor: strictly after (due, gw), whether or not that pair is waiting
    assertThat(due(r, 20, 2, 100, 2)).containsExactly(new Entry(30, 3, 103), new Entry(40, 4, 104));
    assertThat(due(r, 20, 1, 100, 1)).containsExactly(new Entry(20, 2, 102));
    assertThat(due(r, 25, 0, 40, 10)).containsExactly(new Entry(30, 3, 103), new Entry(40, 4, 104));
    assertThat(due(r, 50, 5, 100, 10)).isEmpty();
    assertThat(due(r, 0, 0, 10, 10)).containsExactly(new Entry(10, 1, 101));
  }

  @Test
  void outOfOrderPutGoesToItsSortedPlace() {
    AccountReports r = new AccountReports();
    r.put(10, 5, 1);
    r.put(30, 1, 2);
    assertThat(r.put(20, 9, 3)).isTrue(); // between
    assertThat(r.put(10, 2, 4)).isTrue(); // before the first, same due: ordered by GWSERIAL
    assertThat(r.put(30, 0, 5)).isTrue(); // before the last, same due
    assertThat(r.put(5, 7, 6)).isTrue(); // a new first

    assertThat(all(r)).containsExactly(new Entry(5, 7, 6), new Entry(10, 2, 4), new Entry(10, 5, 1),
        new Entry(20, 9, 3), new Entry(30, 0, 5), new Entry(30, 1, 2));
    assertThat(r.size()).isEqualTo(6);
  }

  @Test
  void putOfAWaitingReportReplacesItsPositionAndADeadOneRevives() {
    AccountReports r = new AccountReports();
    r.put(10, 1, 100);
    r.put(20, 2, 200);
    r.put(30, 3, 300);

    assertThat(r.put(20, 2, 201)).isFalse(); // in the middle
    assertThat(r.put(30, 3, 301)).isFalse(); // the last (the append check must not append it twice)
    assertThat(r.size()).isEqualTo(3);
    assertThat(all(r)).containsExactly(new Entry(10, 1, 100), new Entry(20, 2, 201), new Entry(30, 3, 301));

    assertThat(r.remove(20, 2)).isTrue(); // dead in the middle
    assertThat(r.remove(30, 3)).isTrue(); // dead at the end
    assertThat(r.size()).isEqualTo(1);
    assertThat(r.put(20, 2, 202)).isTrue();
    assertThat(r.put(30, 3, 302)).isTrue();
    assertThat(r.size()).isEqualTo(3);
    assertThat(all(r)).containsExactly(new Entry(10, 1, 100), new Entry(20, 2, 202), new Entry(30, 3, 302));
  }

  @Test
  void removeOfHeadMiddleAndUnknown() {
    AccountReports r = new AccountReports();
    for (int i = 1; i <= 5; i++) {
      r.put(i * 10, i, 100 + i);
    }
    assertThat(r.remove(10, 1)).isTrue(); // the head
    assertThat(r.remove(30, 3)).isTrue(); // the middle
    assertThat(r.remove(30, 3)).isFalse(); // already acknowledged
    assertThat(r.remove(10, 1)).isFalse(); // already acknowledged, before the head now
    assertThat(r.remove(40, 3)).isFalse(); // unknown pairs
    assertThat(r.remove(25, 0)).isFalse();
    assertThat(r.remove(99, 9)).isFalse();
    assertThat(r.size()).isEqualTo(3);
    assertThat(all(r)).containsExactly(new Entry(20, 2, 102), new Entry(40, 4, 104), new Entry(50, 5, 105));
    // the cursor may point at an acknowledged report
    assertThat(due(r, 30, 3, 100, 10)).containsExactly(new Entry(40, 4, 104), new Entry(50, 5, 105));

    assertThat(r.remove(20, 2)).isTrue();
    assertThat(r.remove(50, 5)).isTrue();
    assertThat(r.remove(40, 4)).isTrue();
    assertThat(r.size()).isZero();
    assertThat(all(r)).isEmpty();
    assertThat(r.remove(40, 4)).isFalse();

    assertThat(r.put(15, 1, 7)).isTrue(); // usable again once empty
    assertThat(all(r)).containsExactly(new Entry(15, 1, 7));
  }

  @Test
  void relocateRepointsExactlyTheSelectedLiveReportsInChunks() {
    AccountReports r = new AccountReports();
    for (int i = 0; i < 20; i++) {
      r.put(i, i, 1_000 + i);
    }
    r.remove(0, 0); // dead at the head
    r.remove(4, 4); // dead and selected: must not be copied
    r.remove(19, 19); // dead at the end
    List<long[]> calls = new ArrayList<>();

    r.relocate(p -> p % 2 == 0, 3, (positions, count) -> {
      long[] copied = Arrays.copyOf(positions, count);
      calls.add(copied);
      return Arrays.stream(copied).map(p -> p + 5_000).toArray();
    });

    // 1002, 1006, …, 1018: 8 reports in chunks of 3, 3, 2
    assertThat(calls).containsExactly(new long[] {1002, 1006, 1008}, new long[] {1010, 1012, 1014},
        new long[] {1016, 1018});
    assertThat(r.size()).isEqualTo(17);
    for (Entry e : all(r)) {
      long original = 1_000 + e.gw();
      assertThat(e.pos()).as("gw %d", e.gw()).isEqualTo(original % 2 == 0 ? original + 5_000 : original);
    }
    assertThat(r.remove(4, 4)).isFalse(); // still acknowledged

    // nothing selected: no call at all; an exact multiple of the chunk: no empty last call
    calls.clear();
    r.relocate(p -> false, 3, (positions, count) -> {
      calls.add(Arrays.copyOf(positions, count));
      return new long[count];
    });
    assertThat(calls).isEmpty();
    r.relocate(p -> p >= 6_000, 4, (positions, count) -> {
      calls.add(Arrays.copyOf(positions, count));
      return Arrays.stream(positions, 0, count).map(p -> p + 1).toArray();
    });
    assertThat(calls).containsExactly(new long[] {6002, 6006, 6008, 6010}, new long[] {6012, 6014, 6016, 6018});

    // a selection that acknowledged reports' marker would pass: they are still skipped, and stay acknowledged
    calls.clear();
    r.relocate(p -> p < 6_000, 4, (positions, count) -> {
      calls.add(Arrays.copyOf(positions, count));
      return Arrays.stream(positions, 0, count).map(p -> p + 10_000).toArray();
    });
    assertThat(calls).containsExactly(new long[] {1001, 1003, 1005, 1007}, new long[] {1009, 1011, 1013, 1015},
        new long[] {1017});
    assertThat(r.size()).isEqualTo(17);
    assertThat(r.remove(4, 4)).isFalse();
    assertThat(r.remove(19, 19)).isFalse();
    for (Entry e : all(r)) {
      long original = 1_000 + e.gw();
      assertThat(e.pos()).as("gw %d", e.gw()).isEqualTo(original % 2 == 0 ? original + 5_001 : original + 10_000);
    }
  }

  /**
   * Random puts, removes and relocations, mostly in due order and some not, against a sorted map: the
   * arrays grow past 1,024, compact after out-of-order removes, shrink when emptied, and still agree.
   */
  @Test
  void agreesWithASortedMapOverManyRandomOperations() {
    Random random = new Random(20240611);
    AccountReports r = new AccountReports();
    TreeMap<Long, Entry> model = new TreeMap<>();
    long nextPos = 1;
    long clock = 0;
    for (int round = 0; round < 6; round++) {
      int target = round % 2 == 0 ? 3_000 : 300; // alternately grow and shrink (removes out of order)
      for (int op = 0; op < 4_000; op++) {
        int kind = random.nextInt(10);
        boolean grow = model.size() < target;
        if (kind < (grow ? 6 : 3)) {
          long d;
          if (random.nextInt(4) == 0 || model.isEmpty()) {
            d = random.nextInt((int) clock + 1); // out of order (or the same due as one waiting)
          } else {
            d = clock += random.nextInt(3);
          }
          long g = random.nextInt(8);
          long p = nextPos++;
          Entry before = model.put(key(d, g), new Entry(d, g, p));
          assertThat(r.put(d, g, p)).as("put (%d, %d)", d, g).isEqualTo(before == null);
        } else if (kind < 9) {
          long d;
          long g;
          if (!model.isEmpty() && random.nextInt(5) > 0) {
            Entry e = pick(model, random);
            d = e.due();
            g = e.gw();
          } else {
            d = random.nextInt((int) clock + 2);
            g = random.nextInt(8);
          }
          boolean waiting = model.remove(key(d, g)) != null;
          assertThat(r.remove(d, g)).as("remove (%d, %d)", d, g).isEqualTo(waiting);
        } else {
          int mod = 1 + random.nextInt(6); // 1: every report (and the marker of acknowledged ones)
          int chunk = 1 + random.nextInt(64);
          long offset = 1_000_003;
          r.relocate(p -> p % mod == 0, chunk, (positions, count) -> {
            assertThat(count).isBetween(1, chunk);
            return Arrays.stream(positions, 0, count).map(p -> p + offset).toArray();
          });
          for (Map.Entry<Long, Entry> me : model.entrySet()) {
            Entry e = me.getValue();
            if (e.pos() % mod == 0) {
              me.setValue(new Entry(e.due(), e.gw(), e.pos() + offset));
            }
          }
        }
        assertThat(r.size()).isEqualTo(model.size());
        if (op % 97 == 0) {
          assertAgrees(r, model, clock, random);
        }
      }
      assertAgrees(r, model, clock, random);
    }
    // drain completely, in random order
    List<Entry> rest = new ArrayList<>(model.values());
    Collections.shuffle(rest, random);
    for (Entry e : rest) {
      assertThat(r.remove(e.due(), e.gw())).isTrue();
    }
    assertThat(r.size()).isZero();
    assertThat(all(r)).isEmpty();
  }

  private static Entry pick(TreeMap<Long, Entry> model, Random random) {
    Long k = model.ceilingKey(key(random.nextInt((int) (model.lastKey() >> 20) + 1), 0));
    return model.get(k != null ? k : model.lastKey());
  }

  private static void assertAgrees(AccountReports r, TreeMap<Long, Entry> model, long clock, Random random) {
    assertThat(all(r)).containsExactlyElementsOf(model.values());
    // a page from a random cursor, due at a random time
    long afterDue = random.nextInt((int) clock + 2);
    long afterGw = random.nextInt(9) - 1;
    long now = random.nextInt((int) clock + 2);
    int max = 1 + random.nextInt(50);
    List<Entry> expected = new ArrayList<>();
    Iterable<Entry> from = afterGw < 0 ? model.values() : model.tailMap(key(afterDue, afterGw), false).values();
    for (Entry e : from) {
      if (e.due() > now || expected.size() == max) {
        break;
      }
      expected.add(e);
    }
    assertThat(due(r, afterDue, afterGw, now, max))
        .as("after (%d, %d), now %d, max %d", afterDue, afterGw, now, max)
        .containsExactlyElementsOf(expected);
  }
}
