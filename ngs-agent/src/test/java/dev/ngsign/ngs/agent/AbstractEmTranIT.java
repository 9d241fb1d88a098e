package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * table-layout em-tran (Daou DBro) on one database: the vendor's DDL, the INSERTs DBro's manual
 * gives customers, the real gateway in process, and afterwards every column a customer's code reads
 * (tran_status, tran_rslt, tran_net, tran_rsltdate, tran_reportdate) in em_log_YYYYMM of the row's
 * tran_date month. The customer's tables keep their structure.
 */
abstract class AbstractEmTranIT {
  private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");

  @TempDir Path tmp;
  private TestDb db;
  private LegacyHarness h;

  abstract Dialect dialect();

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private void setUp(Duration reportDelay) {
    db = TestDb.create(dialect());
    h = new LegacyHarness(db, reportDelay);
    assertThat(h.createVendorTables("em-tran")).containsExactly("em_tran", "em_tran_mms");
  }

  /** The database's "now" as the manual spells it for this database. */
  private String now() {
    return switch (dialect()) {
      case MARIADB -> "sysdate()";
      case POSTGRESQL -> "now()";
      case H2 -> "LOCALTIMESTAMP";
    };
  }

  /** An SMS as DBro's manual inserts it (MSSQL/MySQL form: tran_pr from the table). */
  private long sms(String phone, String msg) {
    db.update(
        "Insert into em_tran(tran_phone, tran_callback, tran_status, tran_date, tran_msg , tran_type)"
            + " values (?, '02-1588-0000', '1', "
            + now()
            + ", ? ,4)",
        phone,
        msg);
    return lastKey();
  }

  /** An SMS whose tran_date the customer set (a scheduled or a late row). */
  private long smsAt(String phone, String msg, LocalDateTime tranDate) {
    db.update(
        "Insert into em_tran(tran_phone, tran_callback, tran_status, tran_date, tran_msg , tran_type)"
            + " values (?, '02-1588-0000', '1', ?, ? ,4)",
        phone,
        tranDate,
        msg);
    return lastKey();
  }

  /** MMS/LMS as the manual inserts it: the content row, then em_tran with tran_type 6. */
  private long mms(String phone, int seq, String subject, String body, String type, String file) {
    db.update(
        "INSERT INTO em_tran_mms(mms_seq, file_cnt, mms_body, mms_subject, file_type1, file_name1,"
            + " service_dep1) VALUES (?, ?, ?, ?, ?, ?, 'ALL')",
        seq,
        file == null ? 1 : 2,
        body,
        subject,
        type,
        file);
    db.update(
        "INSERT INTO em_tran (tran_phone, tran_callback, tran_status, tran_date, tran_msg,"
            + " tran_etc4,tran_type) values (?, '02-1588-0000', '1', "
            + now()
            + ", 'mms body', ?,'6')",
        phone,
        seq);
    return lastKey();
  }

  private long lastKey() {
    return db.count("SELECT MAX(tran_pr) FROM em_tran");
  }

  private Map<String, Object> logRow(long key) {
    for (Map<String, Object> t : db.query("SELECT tran_pr FROM em_tran WHERE tran_pr = ?", key)) {
      throw new AssertionError("row " + key + " is still in em_tran: " + t);
    }
    List<Map<String, Object>> r =
        db.query("SELECT * FROM " + logOf(key) + " WHERE tran_pr = ?", key);
    assertThat(r).as("row %s in %s", key, logOf(key)).hasSize(1);
    return r.get(0);
  }

  private final Map<Long, String> logs = new java.util.HashMap<>();

  /** em_log_YYYYMM of the row's tran_date month, read before the row moves. */
  private String logOf(long key) {
    return logs.computeIfAbsent(
        key,
        k ->
            "em_log_"
                + ((LocalDateTime)
                        db.query("SELECT tran_date FROM em_tran WHERE tran_pr = ?", k)
                            .get(0)
                            .get("TRAN_DATE"))
                    .format(YYYYMM));
  }

  private boolean inLog(long key) {
    try {
      return db.count("SELECT COUNT(*) FROM " + logOf(key) + " WHERE tran_pr = ?", key) == 1;
    } catch (IllegalStateException noTableYet) {
      return false;
    }
  }

  private static String str(Object o) {
    return o == null ? null : o.toString().trim();
  }

  @Test
  void customerInsertsEndInTheirMonthsLogTableWithTheColumnsDbroWrites() throws Exception {
    setUp(Duration.ofMillis(50));
    String emTran = h.catalog("em_tran");
    String emTranMms = h.catalog("em_tran_mms");
    Path jpg = tmp.resolve("01.jpg");
    Files.write(
        jpg,
        new byte[] {
          (byte) 0xff,
          (byte) 0xd8,
          (byte) 0xff,
          (byte) 0xe0,
          0,
          16,
          'J',
          'F',
          'I',
          'F',
          0,
          (byte) 0xff,
          (byte) 0xd9
        });
    long sk = sms("010-0000-0011", "Test Message입니다");
    long kt = sms("010-0000-0012", "KT 수신");
    long unknown = sms("010-0000-0001", "결번");
    long spam = sms("010-0000-0005", "스팸 차단");
    long lms = mms("010-0000-0013", 1, "메시지 제목", "장문 본문 내용입니다", null, null);
    long image = mms("010-0000-0011", 2, "사진", "본문 내용", "IMG", jpg.toString());
    long missing = mms("010-0000-0011", 3, "사진", "본문", "IMG", tmp.resolve("gone.jpg").toString());
    db.update(
        "Insert into em_tran(tran_phone, tran_callback, tran_status, tran_date, tran_msg , tran_type)"
            + " values ('010-0000-0011', '02-1588-0000', '1', "
            + now()
            + ", 'http://x' ,5)");
    long url = lastKey();
    LocalDateTime dbNow =
        (LocalDateTime)
            db.query("SELECT tran_date FROM em_tran WHERE tran_pr = ?", sk).get(0).get("TRAN_DATE");
    long later = smsAt("010-0000-0011", "내일 예약", dbNow.plusDays(1));
    long late = smsAt("010-0000-0011", "이틀 전 접수", dbNow.minusDays(2));
    for (long k : List.of(sk, kt, unknown, spam, lms, image, missing, url, late)) {
      logOf(k);
    }

    h.start(h.config("em-tran", Map.of(), "n1"), Clock.systemUTC());
    List<Long> finished = List.of(sk, kt, unknown, spam, lms, image, missing, url, late);
    await().atMost(60, TimeUnit.SECONDS).until(() -> finished.stream().allMatch(this::inLog));

    Map<String, Object> r = logRow(sk);
    assertThat(str(r.get("TRAN_STATUS"))).isEqualTo("3");
    assertThat(str(r.get("TRAN_RSLT"))).isEqualTo("0");
    assertThat(str(r.get("TRAN_NET"))).isEqualTo("SKT");
    assertThat(r.get("TRAN_RSLTDATE")).isNotNull();
    assertThat(r.get("TRAN_REPORTDATE")).isNotNull();
    assertThat(str(r.get("TRAN_MSG"))).isEqualTo("Test Message입니다");
    assertThat(str(logRow(kt).get("TRAN_NET"))).isEqualTo("KTF");
    Map<String, Object> u = logRow(unknown);
    assertThat(str(u.get("TRAN_STATUS"))).isEqualTo("3");
    assertThat(str(u.get("TRAN_RSLT"))).isEqualTo("2");
    assertThat(u.get("TRAN_REPORTDATE")).isNotNull();
    assertThat(str(logRow(spam).get("TRAN_RSLT"))).isEqualTo("k");
    Map<String, Object> l = logRow(lms);
    assertThat(str(l.get("TRAN_RSLT"))).isEqualTo("0");
    assertThat(str(l.get("TRAN_NET"))).isEqualTo("LGT");
    assertThat(str(logRow(image).get("TRAN_RSLT"))).isEqualTo("0");
    assertThat(str(logRow(missing).get("TRAN_RSLT"))).isEqualTo("x");
    assertThat(str(logRow(url).get("TRAN_RSLT"))).isEqualTo("z");
    Map<String, Object> e = logRow(late);
    assertThat(str(e.get("TRAN_STATUS"))).isEqualTo("3");
    assertThat(str(e.get("TRAN_RSLT"))).as("expired: DBro's timeout").isEqualTo("1");
    assertThat(e.get("TRAN_RSLTDATE")).isNull();

    // the scheduled row waits, untouched, in em_tran
    Map<String, Object> w = db.query("SELECT * FROM em_tran WHERE tran_pr = ?", later).get(0);
    assertThat(str(w.get("TRAN_STATUS"))).isEqualTo("1");
    assertThat(w.get("TRAN_RSLT")).isNull();
    assertThat(db.count("SELECT COUNT(*) FROM em_tran")).isEqualTo(1);

    // the gateway got each sent row once, as SMS/LMS/MMS; the exact NGS codes stay with the agent
    for (long k : List.of(sk, kt, unknown, spam, lms, image)) {
      assertThat(h.gateway.messagesAccepted("testid", h.serial("em_tran", k)))
          .as("row %s", k)
          .isEqualTo(1);
    }
    assertThat(h.serial("em_tran", missing)).isNull();
    Map<String, Object> book =
        db.query("SELECT * FROM L_LEGACY_ROW WHERE SRC_KEY = ?", String.valueOf(unknown)).get(0);
    assertThat(book.get("RESULT_CODE")).isEqualTo(4001);
    assertThat(book.get("STATUS")).isEqualTo("FAILED");
    assertThat(book.get("VENDOR_RESULT")).isEqualTo("2");
    assertThat(book.get("IN_FLIGHT")).isNull();
    assertThat(db.count("SELECT COUNT(*) FROM L_MSG")).as("finished side rows are gone").isZero();

    // the customer's tables are as they were
    assertThat(h.catalog("em_tran")).isEqualTo(emTran);
    assertThat(h.catalog("em_tran_mms")).isEqualTo(emTranMms);
  }

  @Test
  void anAcceptedRowShowsTranStatus2UntilItsReport() {
    setUp(Duration.ofSeconds(3));
    long k = sms("010-0000-0012", "결과 대기");
    logOf(k);
    h.start(h.config("em-tran", Map.of(), "n1"), Clock.systemUTC());
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(
            () ->
                db.query(
                            "SELECT tran_status FROM em_tran WHERE tran_pr = ? AND tran_status = '2'",
                            k)
                        .size()
                    == 1);
    assertThat(
            db.query("SELECT tran_rslt FROM em_tran WHERE tran_pr = ?", k).get(0).get("TRAN_RSLT"))
        .isNull();
    await().atMost(30, TimeUnit.SECONDS).until(() -> inLog(k));
    assertThat(str(logRow(k).get("TRAN_RSLT"))).isEqualTo("0");
  }

  @Test
  void advertisementsWaitForTheMorningInKoreanTime() {
    setUp(Duration.ofMillis(50));
    long ad = sms("010-0000-0011", "(광고) 오늘만 특가 무료수신거부 080-000-0000");
    long info = sms("010-0000-0012", "배송 안내");
    logOf(info);
    // night in Korea, after the rows' tran_date and within their time to live
    ZonedDateTime base = ZonedDateTime.now(KOREA);
    ZonedDateTime night =
        base.getHour() >= 21 || base.getHour() < 8 ? base.plusMinutes(1) : base.withHour(22);
    MutableClock clock = new MutableClock(night.toInstant());
    AgentConfig cfg =
        h.config("em-tran", Map.of(), "n1")
            .withGuards(new AgentConfig.Guards(true, null, null, true, true));
    h.start(cfg, clock);
    await().atMost(30, TimeUnit.SECONDS).until(() -> inLog(info));
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(
            () ->
                db.count(
                        "SELECT COUNT(*) FROM L_MSG WHERE STATUS = 'READY' AND NEXT_TRY_AT IS NOT NULL")
                    == 1);
    Map<String, Object> w = db.query("SELECT * FROM em_tran WHERE tran_pr = ?", ad).get(0);
    assertThat(str(w.get("TRAN_STATUS"))).as("held, not sent").isEqualTo("1");
    assertThat(
            h.gateway.messagesAccepted(
                "testid", h.serial("em_tran", ad) == null ? "-" : h.serial("em_tran", ad)))
        .isZero();
  }

  @Test
  void twoNodesShareTheTablesAndSendEveryRowOnce() {
    setUp(Duration.ofMillis(20));
    int n = 150;
    for (int i = 0; i < n; i++) {
      sms(String.format("010-4000-%04d", i), "동시 " + i);
    }
    h.start(h.config("em-tran", Map.of(), "n1"), Clock.systemUTC());
    h.start(h.config("em-tran", Map.of(), "n2"), Clock.systemUTC());
    String log = "em_log_" + LocalDateTime.now(KOREA).format(YYYYMM);
    await().atMost(90, TimeUnit.SECONDS).until(() -> db.count("SELECT COUNT(*) FROM em_tran") == 0);
    assertThat(
            db.count(
                "SELECT COUNT(*) FROM " + log + " WHERE tran_status = '3' AND tran_rslt = '0'"))
        .isEqualTo(n);
    assertThat(db.count("SELECT COUNT(DISTINCT tran_pr) FROM " + log)).isEqualTo(n);
    for (Map<String, Object> r : db.query("SELECT SERIAL FROM L_LEGACY_ROW")) {
      assertThat(h.gateway.messagesAccepted("testid", (String) r.get("SERIAL"))).isEqualTo(1);
    }
    assertThat(db.count("SELECT COUNT(*) FROM L_LEGACY_ROW")).isEqualTo(n);
  }

  @Test
  void renamedTablesAndASingleLogTable() {
    db = TestDb.create(dialect());
    h = new LegacyHarness(db, Duration.ofMillis(20));
    for (String ddl :
        new dev.ngsign.ngs.agent.internal.legacy.emtran.EmTranLayout()
            .vendorDdl(
                dialect(),
                new dev.ngsign.ngs.agent.internal.legacy.LayoutTables(
                    "em-tran",
                    Map.of("send", "sms_q", "mms", "sms_q_mms", "log", "x"),
                    Map.of(),
                    "L_"))) {
      db.update(ddl);
    }
    db.update(
        "Insert into sms_q(tran_phone, tran_callback, tran_status, tran_date, tran_msg , tran_type)"
            + " values ('010-0000-0011', '02-1588-0000', '1', "
            + now()
            + ", 'renamed' ,4)");
    h.start(
        h.config("em-tran", Map.of("send", "sms_q", "mms", "sms_q_mms", "log", "sms_q_log"), "n1"),
        Clock.systemUTC());
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(
            () -> {
              try {
                return db.count("SELECT COUNT(*) FROM sms_q_log WHERE tran_status = '3'") == 1;
              } catch (IllegalStateException notYet) {
                return false;
              }
            });
    assertThat(db.count("SELECT COUNT(*) FROM sms_q")).isZero();
  }
}
