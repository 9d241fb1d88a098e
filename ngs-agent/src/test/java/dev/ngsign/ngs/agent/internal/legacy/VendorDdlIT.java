package dev.ngsign.ngs.agent.internal.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.agent.TestDb;
import dev.ngsign.ngs.agent.demo.SampleMessages;
import dev.ngsign.ngs.agent.internal.legacy.bizmsg.BizMsgLayout;
import dev.ngsign.ngs.agent.internal.legacy.sctran.ScTranLayout;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code init-db --create-vendor-tables} for sc-tran and biz-msg: the tables it creates take the
 * INSERTs of the vendors' manuals as they are, and a second run creates nothing.
 */
class VendorDdlIT {
  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL", "MARIADB"})
  void createdScTranTablesTakeTheManualsInserts(Dialect dialect) {
    try (TestDb db = TestDb.create(dialect)) {
      ScTranLayout layout = new ScTranLayout();
      LayoutTables t = new LayoutTables(layout.name(), layout.defaultTables(), Map.of(), "NGS_");
      assertThat(VendorTables.createMissing(db.ds, dialect, layout, t))
          .containsExactly("SC_TRAN", "MMS_MSG");
      assertThat(VendorTables.missing(db.ds, layout, t)).isEmpty();
      assertThat(VendorTables.createMissing(db.ds, dialect, layout, t)).isEmpty();
      // the site's own column SITE_REQ_ID is not the vendor's: that one INSERT runs without it
      VendorScripts.customerInserts(
          db, "sc-tran", Map.of("image", "/tmp/photo.jpg"), "SITE_REQ_ID");
      assertThat(db.count("SELECT COUNT(*) FROM SC_TRAN WHERE TR_SENDSTAT = '0'")).isEqualTo(2);
      assertThat(db.count("SELECT COUNT(*) FROM MMS_MSG WHERE STATUS = '0'")).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"H2", "POSTGRESQL", "MARIADB"})
  void createdBizMsgTableTakesTheManualsInserts(Dialect dialect) {
    try (TestDb db = TestDb.create(dialect)) {
      BizMsgLayout layout = new BizMsgLayout();
      Map<String, String> names = dialect == Dialect.MARIADB ? Map.of("send", "biz_msg") : Map.of();
      LayoutTables t = new LayoutTables(layout.name(), layout.defaultTables(), names, "NGS_");
      assertThat(VendorTables.createMissing(db.ds, dialect, layout, t)).hasSize(1);
      assertThat(VendorTables.createMissing(db.ds, dialect, layout, t)).isEmpty();
      VendorScripts.customerInserts(
          db,
          "biz-msg",
          Map.of("image", "photo.jpg", "senderKey", SampleMessages.SENDER_KEY, "template", "t1"));
      assertThat(db.count("SELECT COUNT(*) FROM " + t.get("send") + " WHERE STATUS = 0"))
          .isEqualTo(7);
    }
  }
}
