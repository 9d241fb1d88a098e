package dev.ngsign.ngs.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.agent.internal.legacy.VendorScripts;
import dev.ngsign.ngs.agent.internal.legacy.sctran.ScTranLayout;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.gateway.TestNumbers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code table-layout: sc-tran} end to end: the LG U+ agent's tables made with the vendor's DDL,
 * rows inserted as the vendor's manual tells sites to, the agent sending them through the real
 * gateway, then every column a site's code reads, in {@code SC_LOG_YYYYMM} / {@code
 * MMS_LOG_YYYYMM}.
 */
class ScTranLayoutIT {
  private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");

  private TestDb db;
  private LegacyHarness h;
  @TempDir Path dir;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL", "MARIADB"})
  void rowsInsertedAsTheManualSaysEndInTheMonthlyLogWithTheVendorsColumns(Dialect dialect)
      throws Exception {
    db = TestDb.create(dialect);
    h = new LegacyHarness(db, Duration.ofMillis(50));
    VendorScripts.createVendorTables(db, "sc-tran");
    Path image = dir.resolve("photo.jpg");
    Files.write(image, SampleMessages.JPEG);
    VendorScripts.customerInserts(db, "sc-tran", Map.of("image", image.toString()));
    // a message for tomorrow, and a callback-URL SMS NGS cannot carry
    LocalDateTime tomorrow = LocalDateTime.now(KOREA).plusDays(1);
    db.update(
        "INSERT INTO SC_TRAN (TR_SENDDATE, TR_SENDSTAT, TR_MSGTYPE, TR_PHONE, TR_CALLBACK, TR_MSG)"
            + " VALUES (?, '0', '0', '01000000011', '0212345678', '내일 보낼 문자')",
        tomorrow);
    db.update(
        "INSERT INTO SC_TRAN (TR_SENDDATE, TR_SENDSTAT, TR_MSGTYPE, TR_PHONE, TR_CALLBACK, TR_MSG)"
            + " VALUES (NOW(), '0', '1', '01000000011', '0212345678', 'http://example.com')");
    Map<String, String> smsMonth =
        db
            .query(
                "SELECT TR_PHONE, TR_MSGTYPE, TR_SENDDATE FROM SC_TRAN WHERE TR_SENDDATE < ?",
                tomorrow.minusHours(1))
            .stream()
            .collect(
                Collectors.toMap(
                    r -> r.get("TR_PHONE") + "/" + r.get("TR_MSGTYPE"),
                    r -> LegacyHarness.month(r.get("TR_SENDDATE")),
                    (a, b) -> a));
    Map<String, String> mmsMonth =
        db.query("SELECT PHONE, REQDATE FROM MMS_MSG").stream()
            .collect(
                Collectors.toMap(
                    r -> (String) r.get("PHONE"), r -> LegacyHarness.month(r.get("REQDATE"))));

    h.start(h.config(ScTranLayout.NAME, Map.of(), "n1"), Clock.systemUTC());

    await()
        .atMost(60, TimeUnit.SECONDS)
        .until(
            () ->
                db.count("SELECT COUNT(*) FROM SC_TRAN") == 1
                    && db.count("SELECT COUNT(*) FROM MMS_MSG") == 0);

    // the scheduled one waits, untouched
    Map<String, Object> later = h.one("SELECT * FROM SC_TRAN");
    assertThat(later.get("TR_SENDSTAT")).isEqualTo("0");
    assertThat(later.get("TR_RSLTSTAT")).isEqualTo("00");
    assertThat(later.get("TR_REALSENDDATE")).isNull();

    String smsLog = "SC_LOG_" + smsMonth.get(TestNumbers.DELIVERED_SK + "/0");
    Map<String, Object> ok =
        h.one(
            "SELECT * FROM " + smsLog + " WHERE TR_PHONE = ? AND TR_MSGTYPE = '0'",
            TestNumbers.DELIVERED_SK);
    assertThat(ok.get("TR_SENDSTAT")).isEqualTo("2");
    assertThat(ok.get("TR_RSLTSTAT")).isEqualTo("06");
    assertThat(ok.get("TR_NET")).isEqualTo("SKT");
    assertThat(ok.get("TR_RSLTDATE")).isNotNull();
    assertThat(ok.get("TR_REALSENDDATE")).isNotNull();
    assertThat(ok.get("TR_MODIFIED")).isNotNull();
    assertThat(ok.get("SITE_REQ_ID")).isEqualTo("req-sms-1"); // the site's own column came along
    assertThat(ok.get("TR_MSG")).isEqualTo("[테스트] 주문하신 상품이 발송되었습니다.");

    Map<String, Object> unknown =
        h.one(
            "SELECT * FROM SC_LOG_"
                + smsMonth.get(TestNumbers.UNKNOWN_SUBSCRIBER + "/0")
                + " WHERE TR_PHONE = ?",
            TestNumbers.UNKNOWN_SUBSCRIBER);
    assertThat(unknown.get("TR_SENDSTAT")).isEqualTo("2");
    assertThat(unknown.get("TR_RSLTSTAT")).isEqualTo("07"); // 비가입자, 결번, 서비스정지
    assertThat(unknown.get("TR_ETC1")).isEqualTo("etc-kept");

    Map<String, Object> url =
        h.one(
            "SELECT * FROM SC_LOG_"
                + smsMonth.get(TestNumbers.DELIVERED_SK + "/1")
                + " WHERE TR_MSGTYPE = '1'");
    assertThat(url.get("TR_SENDSTAT")).isEqualTo("2");
    assertThat(url.get("TR_RSLTSTAT")).isEqualTo("17"); // CallbackURL 사용자 아님
    assertThat(url.get("TR_REALSENDDATE")).isNull(); // never sent

    Map<String, Object> lms =
        h.one(
            "SELECT * FROM MMS_LOG_" + mmsMonth.get(TestNumbers.DELIVERED_KT) + " WHERE PHONE = ?",
            TestNumbers.DELIVERED_KT);
    assertThat(lms.get("STATUS")).isEqualTo("3");
    assertThat(lms.get("RSLT")).isEqualTo("1000");
    assertThat(lms.get("TELCOINFO")).isEqualTo("KT");
    assertThat(lms.get("SENTDATE")).isNotNull();
    assertThat(lms.get("RSLTDATE")).isNotNull();
    assertThat(lms.get("REPORTDATE")).isNotNull();
    assertThat(lms.get("TERMINATEDDATE")).isNotNull();
    assertThat(lms.get("SUBJECT")).isEqualTo("장문 제목");

    Map<String, Object> mms =
        h.one(
            "SELECT * FROM MMS_LOG_" + mmsMonth.get(TestNumbers.DELIVERED_LG) + " WHERE PHONE = ?",
            TestNumbers.DELIVERED_LG);
    assertThat(mms.get("STATUS")).isEqualTo("3");
    assertThat(mms.get("RSLT")).isEqualTo("1000");
    assertThat(mms.get("TELCOINFO")).isEqualTo("LGT");
    assertThat(mms.get("FILE_PATH1")).isEqualTo(image.toString());

    Map<String, Object> off =
        h.one(
            "SELECT * FROM MMS_LOG_" + mmsMonth.get(TestNumbers.UNREACHABLE) + " WHERE PHONE = ?",
            TestNumbers.UNREACHABLE);
    assertThat(off.get("STATUS")).isEqualTo("3");
    assertThat(off.get("RSLT")).isEqualTo("3004"); // 전원 꺼짐

    // the exact NGS codes stay in the agent's own bookkeeping
    Map<String, Object> kept = h.one("SELECT * FROM L_LEGACY_ROW WHERE VENDOR_RESULT = '07'");
    assertThat(((Number) kept.get("RESULT_CODE")).intValue()).isEqualTo(4001);
    assertThat(db.count("SELECT COUNT(*) FROM L_LEGACY_ROW WHERE IN_FLIGHT IS NULL")).isEqualTo(6);
    assertThat(db.count("SELECT COUNT(*) FROM L_MSG")).isZero(); // no second copy of the texts
    assertThat(h.gateway.duplicateCount()).isZero();
  }
}
