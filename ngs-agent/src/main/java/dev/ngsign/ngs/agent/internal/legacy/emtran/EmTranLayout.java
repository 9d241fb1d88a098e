package dev.ngsign.ngs.agent.internal.legacy.emtran;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.agent.internal.legacy.ImageFiles;
import dev.ngsign.ngs.agent.internal.legacy.LayoutTables;
import dev.ngsign.ngs.agent.internal.legacy.LegacyLayout;
import dev.ngsign.ngs.agent.internal.legacy.LegacySql;
import dev.ngsign.ngs.agent.internal.legacy.Reflection;
import dev.ngsign.ngs.agent.internal.legacy.SideRow;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.protocol.ResultCode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Daou DBro ({@code dbro.jar}, DBro 3): customers INSERT into {@code em_tran} with {@code
 * tran_status '1'} and {@code tran_type} 4 (SMS) or 6 (MMS/LMS, content in {@code em_tran_mms}
 * whose {@code mms_seq} is in {@code tran_etc4}); the agent sets {@code tran_status '2'} once the
 * gateway accepted the message and {@code '3'} with {@code tran_rslt}, {@code tran_net}, {@code
 * tran_rsltdate} and {@code tran_reportdate} when it is finished, then moves the row to {@code
 * em_log_YYYYMM} of its {@code tran_date} month (docs/legacy-tables.md, "em-tran").
 */
public final class EmTranLayout implements LegacyLayout {
  public static final String NAME = "em-tran";

  private static final Charset EUC_KR = Charset.forName("MS949");
  private static final String AD_PREFIX = "(광고)";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> defaultTables() {
    return Map.of("send", "em_tran", "mms", "em_tran_mms", "log", "em_log_" + LayoutTables.MONTH);
  }

  @Override
  public List<Source> sources(LayoutTables t) {
    return List.of(
        new Source(
            t.get("send"),
            "tran_pr",
            "v.tran_pr, v.tran_phone, v.tran_callback, v.tran_date, v.tran_msg, v.tran_type,"
                + " v.tran_etc4",
            "v.tran_status = '1' AND v.tran_date <= ?",
            "v.tran_pr"));
  }

  @Override
  public SideRow map(Source source, ResultSet rs, Connection c, LayoutTables t)
      throws SQLException {
    String key = Long.toString(rs.getLong(1));
    String phone = nz(rs.getString(2));
    String callback = nz(rs.getString(3));
    LocalDateTime date = rs.getObject(4, LocalDateTime.class);
    String msg = rs.getString(5);
    int type = rs.getInt(6);
    Long mmsSeq = rs.getObject(7) == null ? null : rs.getLong(7);
    SideRow sms =
        new SideRow(
            key, "S", phone, callback, null, msg, 0, null, isAd(msg), date, null, List.of(), null,
            null, null);
    return switch (type) {
      case 4 -> sms;
      case 6 -> mms(c, t, sms, msg, mmsSeq);
      default ->
          sms.rejected(
              ResultCode.E_INVALID_MSGTYPE.code(),
              "tran_type " + type + " is not 4 (SMS) or 6 (MMS/LMS): not supported",
              EmTranCodes.OTHER);
    };
  }

  /**
   * LMS when the content has no image, MMS with its images; {@code mms_body} (else {@code
   * tran_msg}) and any TXT files are the body, {@code mms_subject} the subject.
   */
  private SideRow mms(
      Connection c, LayoutTables t, SideRow base, @Nullable String tranMsg, @Nullable Long seq)
      throws SQLException {
    if (seq == null) {
      return base.rejected(
          AgentCode.BAD_ROW.code(),
          "tran_type 6 without tran_etc4 (the em_tran_mms row)",
          EmTranCodes.CONTENT_UNREADABLE);
    }
    String subject;
    String body;
    List<String[]> files = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT mms_subject, mms_body, file_type1, file_name1, file_type2, file_name2,"
                + " file_type3, file_name3, file_type4, file_name4, file_type5, file_name5 FROM "
                + t.get("mms")
                + " WHERE mms_seq = ?")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return base.rejected(
              AgentCode.BAD_ROW.code(),
              "no " + t.get("mms") + " row with mms_seq " + seq,
              EmTranCodes.CONTENT_UNREADABLE);
        }
        subject = rs.getString(1);
        body = rs.getString(2);
        for (int i = 0; i < 5; i++) {
          String ft = rs.getString(3 + 2 * i);
          String fn = rs.getString(4 + 2 * i);
          if (fn != null && !fn.isBlank()) {
            files.add(
                new String[] {ft == null ? "" : ft.trim().toUpperCase(Locale.ROOT), fn.trim()});
          }
        }
      }
    }
    StringBuilder text = new StringBuilder(body != null && !body.isBlank() ? body : nz(tranMsg));
    List<SideRow.Image> images = new ArrayList<>();
    for (String[] f : files) {
      String ftype = f[0];
      Path path = Path.of(f[1]);
      byte[] data;
      try {
        data = ImageFiles.read(path);
      } catch (IOException e) {
        return base.rejected(
            AgentCode.BAD_ROW.code(),
            "MMS file "
                + path.getFileName()
                + " of mms_seq "
                + seq
                + " cannot be read: "
                + e.getMessage(),
            EmTranCodes.CONTENT_UNREADABLE);
      }
      switch (ftype) {
        case "TXT" -> {
          if (text.length() > 0) {
            text.append('\n');
          }
          text.append(new String(data, EUC_KR)); // DBro's TXT content files are EUC-KR
        }
        case "IMG", "" -> {
          int mtype = ImageFiles.imageType(data);
          if (mtype == 0) {
            return base.rejected(
                ResultCode.E_INVALID_IMAGE.code(),
                "MMS file " + path.getFileName() + " is not a JPG or PNG image",
                EmTranCodes.OWN_FORMAT);
          }
          images.add(new SideRow.Image(mtype, path.getFileName().toString(), data));
        }
        default -> {
          return base.rejected(
              ResultCode.E_MEDIA_TYPE.code(),
              "MMS file type " + ftype + " (audio/video) has no NGS counterpart: not supported",
              EmTranCodes.OWN_FORMAT);
        }
      }
    }
    String bodyText = text.toString();
    return new SideRow(
        base.key(),
        images.isEmpty() ? "L" : "M",
        base.destAddr(),
        base.callback(),
        subject == null ? "" : subject,
        bodyText,
        0,
        null,
        isAd(subject) || isAd(bodyText),
        base.scheduledAt(),
        null,
        images,
        null,
        null,
        null);
  }

  private static boolean isAd(@Nullable String s) {
    return s != null && s.stripLeading().startsWith(AD_PREFIX);
  }

  @Override
  public @Nullable String logTable(Reflection r, LayoutTables t) {
    if (t.get("log").equalsIgnoreCase("none")) {
      return null; // DBro's db_nomove=1: finished rows stay in em_tran
    }
    // DBro moves a row to the log table of its tran_date month (SCHEDULED_AT as imported)
    return t.monthly("log", r.scheduledAt() != null ? r.scheduledAt() : r.now());
  }

  @Override
  public @Nullable String reflect(
      Connection c, Reflection r, @Nullable String logTable, LayoutTables t) throws SQLException {
    String send = t.get("send");
    long key = Long.parseLong(r.key());
    if (r.status() == MessageStatus.SENT) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE "
                  + send
                  + " SET tran_status = '2' WHERE tran_pr = ? AND tran_status = '1'")) {
        ps.setLong(1, key);
        ps.executeUpdate();
      }
      return null;
    }
    if (!r.status().terminal()) {
      return null; // back to READY for a re-send: stays '2' as DBro shows a message on its way
    }
    String rslt =
        r.presetResult() != null
            ? r.presetResult()
            : EmTranCodes.result(r.status(), r.resultCode() != null ? r.resultCode() : r.ackCode());
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + send
                + " SET tran_status = '3', tran_rslt = ?, tran_net = ?, tran_rsltdate = ?,"
                + " tran_reportdate = ? WHERE tran_pr = ?")) {
      ps.setString(1, rslt);
      ps.setString(2, EmTranCodes.network(r.telco()));
      ps.setObject(3, r.deliveredAt(), Types.TIMESTAMP);
      ps.setObject(4, r.reportAt() != null ? r.reportAt() : r.now(), Types.TIMESTAMP);
      ps.setLong(5, key);
      ps.executeUpdate();
    }
    if (logTable != null) {
      LegacySql.moveRow(c, send, logTable, "tran_pr", key);
    }
    return rslt;
  }

  @Override
  public List<String> vendorDdl(Dialect d, LayoutTables t) {
    return EmTranDdl.statements(d, t.get("send"), t.get("mms"));
  }

  private static String nz(@Nullable String s) {
    return s == null ? "" : s;
  }
}
