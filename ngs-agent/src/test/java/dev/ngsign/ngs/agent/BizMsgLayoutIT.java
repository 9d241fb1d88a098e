package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.agent.internal.legacy.VendorScripts;
import dev.ngsign.ngs.agent.internal.legacy.bizmsg.BizMsgLayout;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code table-layout: biz-msg} end to end: bizclient's {@code BIZ_MSG} made from the vendor's
 * column list, rows inserted as bizclient's manual shows (SMS, LMS, MMS, AlimTalk with and without
 * an SMS fallback), the agent sending them through the real gateway, then every column a site reads
 * in {@code BIZ_LOG_YYYYMM}, including the record bizclient adds for a fallback.
 */
class BizMsgLayoutIT {
  private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

  private TestDb db;
  private LegacyHarness h;
  @TempDir Path spool;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
    if (db != null) {
      db.close();
    }
  }

  /** MariaDB compares table names by case: the manual's INSERTs say biz_msg. */
  private String send() {
    return db.dialect == Dialect.MARIADB ? "biz_msg" : "BIZ_MSG";
  }

  private String log(String yyyyMM) {
    return (db.dialect == Dialect.MARIADB ? "biz_log_" : "BIZ_LOG_") + yyyyMM;
  }

  /** A node whose rows' relative file names are read from the spool directory. */
  private AgentConfig config() {
    Map<String, String> tables =
        db.dialect == Dialect.MARIADB
            ? Map.of("send", "biz_msg", "log", "biz_log_%YYYYMM%")
            : Map.of();
    return h.config(BizMsgLayout.NAME, tables, "n1")
        .withTableLayout(new AgentConfig.TableLayout(BizMsgLayout.NAME, tables, spool));
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL", "MARIADB"})
  void rowsInsertedAsTheManualSaysEndInTheMonthlyLogWithTheVendorsColumns(Dialect dialect)
      throws Exception {
    db = TestDb.create(dialect);
    h = new LegacyHarness(db, Duration.ofMillis(50));
    VendorScripts.createVendorTables(db, "biz-msg");
    Files.write(spool.resolve("photo.jpg"), SampleMessages.JPEG);
    VendorScripts.customerInserts(
        db,
        "biz-msg",
        Map.of(
            "image", "photo.jpg", "senderKey", SampleMessages.SENDER_KEY, "template", "order_01"));
    LocalDateTime tomorrow = LocalDateTime.now(KOREA).plusDays(1);
    db.update(
        "INSERT INTO "
            + send()
            + " (MSG_TYPE, CMID, REQUEST_TIME, SEND_TIME, DEST_PHONE, SEND_PHONE, MSG_BODY)"
            + " VALUES (0, 'sms-later', NOW(), ?, '01000000011', '0212341234', '내일 보낼 SMS')",
        tomorrow);
    db.update(
        "INSERT INTO "
            + send()
            + " (MSG_TYPE, CMID, REQUEST_TIME, SEND_TIME, DEST_PHONE, SEND_PHONE, SUBJECT, MSG_BODY)"
            + " VALUES (2, 'fax-1', NOW(), NOW(), '0212345678', '0212341234', 'FAX', '팩스')");
    Map<String, String> month = new HashMap<>();
    for (Map<String, Object> r : db.query("SELECT CMID, SEND_TIME FROM " + send())) {
      month.put((String) r.get("CMID"), LegacyHarness.month(r.get("SEND_TIME")));
    }

    h.start(config(), Clock.systemUTC());

    await()
        .atMost(60, TimeUnit.SECONDS)
        .until(() -> db.count("SELECT COUNT(*) FROM " + send()) == 1);

    Map<String, Object> later = h.one("SELECT * FROM " + send());
    assertThat(later.get("CMID")).isEqualTo("sms-later");
    assertThat(((Number) later.get("STATUS")).intValue()).isZero();
    assertThat(later.get("CALL_STATUS")).isNull();

    Map<String, Object> sms = logRow(month, "sms-ok");
    assertThat(sms.get("CALL_STATUS")).isEqualTo("4100");
    assertThat(sms.get("TEL_INFO")).isEqualTo("SKT");
    assertThat(sms.get("REPORT_TIME")).isNotNull();
    assertThat(sms.get("UMID")).isNotNull();
    assertThat(sms.get("MSG_BODY")).isEqualTo("본 메시지는 SMS 테스트 메시지 입니다.");

    assertThat(logRow(month, "sms-unknown").get("CALL_STATUS")).isEqualTo("4414");

    Map<String, Object> lms = logRow(month, "lms-ok");
    assertThat(lms.get("CALL_STATUS")).isEqualTo("6600");
    assertThat(lms.get("TEL_INFO")).isEqualTo("KTF");

    Map<String, Object> mms = logRow(month, "mms-ok");
    assertThat(mms.get("CALL_STATUS")).isEqualTo("6600");
    assertThat(mms.get("TEL_INFO")).isEqualTo("LGT");
    assertThat(mms.get("ATTACHED_FILE")).isEqualTo("photo.jpg");

    Map<String, Object> at = logRow(month, "at-ok");
    assertThat(at.get("CALL_STATUS")).isEqualTo("7000");
    assertThat(at.get("TEL_INFO")).isEqualTo("KKO");

    // Kakao refused (error 3018), the SMS fallback went out: two records, as bizclient keeps them
    Map<String, Object> kakao = logRow(month, "at-fallback");
    assertThat(kakao.get("CALL_STATUS")).isEqualTo("7318"); // 메시지를 전송할 수 없음
    assertThat(kakao.get("TEL_INFO")).isEqualTo("KKO");
    String umid = (String) kakao.get("UMID");
    assertThat(umid).isNotBlank();
    Map<String, Object> fallback = logRow(month, umid);
    assertThat(((Number) fallback.get("MSG_TYPE")).intValue()).isZero(); // SMS
    assertThat(fallback.get("CALL_STATUS")).isEqualTo("4100");
    assertThat(fallback.get("TEL_INFO")).isEqualTo("LGT");
    assertThat(fallback.get("DEST_PHONE")).isEqualTo("01000073018");
    assertThat(fallback.get("MSG_BODY")).isEqualTo("[테스트] 응모하신 프로모션에 당첨되셨습니다.");
    assertThat(((Number) fallback.get("STATUS")).intValue()).isEqualTo(2);

    // Kakao refused and no RE_TYPE: the Kakao code, nothing else
    assertThat(logRow(month, "at-nofallback").get("CALL_STATUS")).isEqualTo("7318");

    Map<String, Object> fax = logRow(month, "fax-1");
    assertThat(fax.get("CALL_STATUS")).isEqualTo("9907"); // 지원하지 않는 메시지 타입
    assertThat(fax.get("UMID")).isNull(); // never sent

    Map<String, Object> kept = h.one("SELECT * FROM L_LEGACY_ROW WHERE SRC_KEY = 'sms-unknown'");
    assertThat(((Number) kept.get("RESULT_CODE")).intValue()).isEqualTo(4001);
    assertThat(kept.get("VENDOR_RESULT")).isEqualTo("4414");
    assertThat(db.count("SELECT COUNT(*) FROM L_MSG")).isZero();
    assertThat(h.gateway.duplicateCount()).isZero();
  }

  private Map<String, Object> logRow(Map<String, String> month, String cmid) {
    String m = month.getOrDefault(cmid, month.get("at-fallback")); // the fallback record's month
    return h.one("SELECT * FROM " + log(m) + " WHERE CMID = ?", cmid);
  }
}
