package dev.ngsign.ngs.gateway.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * {@link EncodedBatch} writes RocksDB's own WriteBatch format: the same records built with
 * RocksDB's API give the same bytes, and the engine applies our batch as it would its own.
 */
class EncodedBatchTest {
  @TempDir static Path dir;
  private static RocksDB db;
  private static UInt64AddOperator add;
  private static ColumnFamilyOptions cfOptions;

  /** The default family (id 0) and families up to id 130 (a two-byte varint). */
  private static final List<ColumnFamilyHandle> families = new ArrayList<>();

  @BeforeAll
  static void open() throws RocksDBException {
    add = new UInt64AddOperator();
    cfOptions = new ColumnFamilyOptions().setMergeOperator(add);
    try (Options o = new Options().setCreateIfMissing(true).setMergeOperator(add)) {
      db = RocksDB.open(o, dir.toString());
    }
    families.add(db.getDefaultColumnFamily());
    for (int i = 1; i <= 130; i++) {
      families.add(
          db.createColumnFamily(
              new ColumnFamilyDescriptor(
                  ("cf" + i).getBytes(StandardCharsets.US_ASCII), cfOptions)));
    }
  }

  @AfterAll
  static void close() {
    families.subList(1, families.size()).forEach(ColumnFamilyHandle::close);
    db.close();
    cfOptions.close();
    add.close();
  }

  private static byte[] bytes(Random r, int max) {
    // mostly short, sometimes past one and two varint bytes of length
    int n = r.nextInt(10) == 0 ? r.nextInt(max) : r.nextInt(40);
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  @TestFactory
  Stream<DynamicTest> same_bytes_as_rocksdbs_own_batch_and_applied_alike() {
    return Stream.of(1L, 2L, 3L, 99L, 20261206L)
        .map(
            seed ->
                DynamicTest.dynamicTest(
                    "seed " + seed,
                    () -> {
                      Random r = new Random(seed);
                      EncodedBatch ours = new EncodedBatch();
                      for (int round = 0; round < 3; round++) { // the buffer is reused
                        List<byte[]> putKeys = new ArrayList<>();
                        List<byte[]> putValues = new ArrayList<>();
                        List<ColumnFamilyHandle> putFamilies = new ArrayList<>();
                        List<byte[]> singleDeleted = new ArrayList<>();
                        List<ColumnFamilyHandle> singleDeletedFamilies = new ArrayList<>();
                        try (WriteBatch theirs = new WriteBatch()) {
                          int records = 1 + r.nextInt(300);
                          for (int i = 0; i < records; i++) {
                            ColumnFamilyHandle cf =
                                r.nextBoolean()
                                    ? families.get(r.nextInt(3))
                                    : families.get(r.nextInt(families.size()));
                            byte[] key = bytes(r, 20_000);
                            int op = r.nextInt(5);
                            if (op == 2 && putKeys.isEmpty()) {
                              op = 3;
                            }
                            switch (op) {
                              case 2 -> { // a key put once before (how reports are deleted)
                                int at = r.nextInt(putKeys.size());
                                cf = putFamilies.remove(at);
                                key = putKeys.remove(at);
                                putValues.remove(at);
                                theirs.singleDelete(cf, key);
                                ours.singleDelete(cf, key);
                                singleDeleted.add(key);
                                singleDeletedFamilies.add(cf);
                              }
                              case 0 -> {
                                theirs.delete(cf, key);
                                ours.delete(cf, key);
                              }
                              case 1 -> {
                                byte[] v = StoreCounters.uint64(r.nextInt(1000));
                                theirs.merge(cf, key, v);
                                ours.merge(cf, key, v);
                              }
                              default -> {
                                key = ("p" + round + "-" + i).getBytes(StandardCharsets.US_ASCII);
                                byte[] v = bytes(r, 70_000);
                                theirs.put(cf, key, v);
                                ours.put(cf, key, v);
                                putKeys.add(key);
                                putValues.add(v);
                                putFamilies.add(cf);
                              }
                            }
                          }
                          assertThat(ours.count()).isEqualTo(theirs.count());
                          try (WriteBatch built = ours.toWriteBatch();
                              WriteOptions wo = new WriteOptions()) {
                            assertThat(built.data()).isEqualTo(theirs.data());
                            assertThat(built.count()).isEqualTo(records);
                            db.write(wo, built);
                          }
                        }
                        ours.clear();
                        assertThat(ours.count()).isZero();
                        for (int i = 0; i < putKeys.size(); i++) {
                          assertThat(db.get(putFamilies.get(i), putKeys.get(i)))
                              .isEqualTo(putValues.get(i));
                        }
                        for (int i = 0; i < singleDeleted.size(); i++) {
                          assertThat(db.get(singleDeletedFamilies.get(i), singleDeleted.get(i)))
                              .isNull();
                        }
                      }
                    }));
  }
}
