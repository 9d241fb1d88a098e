package dev.ngsign.ngs.agent.internal.legacy.sctran;

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
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The LG U+ agent (U+ SMS/MMS DB interface): customers INSERT SMS into {@code SC_TRAN} with {@code
 * TR_SENDSTAT '0'} and {@code TR_SENDDATE} as the send time, LMS/MMS into {@code MMS_MSG} with
 * {@code STATUS '0'}, {@code REQDATE}, and for MMS {@code FILE_CNT} with the images' full paths in
 * {@code FILE_PATH1..5}. Once the gateway accepted a message the agent sets {@code TR_SENDSTAT '1'}
 * / {@code STATUS '2'}; when it is finished {@code '2'} / {@code '3'} with the result ({@code
 * TR_RSLTSTAT} {@code 06} or {@code RSLT} {@code 1000} when delivered), the carrier and the times,
 * and the row moves to {@code SC_LOG_YYYYMM} / {@code MMS_LOG_YYYYMM} of its send month
 * (docs/legacy-tables.md, "sc-tran").
 */
public final class ScTranLayout implements LegacyLayout {
  public static final String NAME = "sc-tran";

  /** NGS carries at most four images per MMS; the LG U+ agent takes five paths. */
  static final int MAX_IMAGES = 4;

  private static final String AD_PREFIX = "(광고)";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> defaultTables() {
    return Map.of(
        "send",
        "SC_TRAN",
        "mms",
        "MMS_MSG",
        "log",
        "SC_LOG_" + LayoutTables.MONTH,
        "mms-log",
        "MMS_LOG_" + LayoutTables.MONTH);
  }

  @Override
  public List<Source> sources(LayoutTables t) {
    StringBuilder files = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      files.append(", v.FILE_PATH").append(i);
    }
    return List.of(
        new Source(
            t.get("send"),
            "TR_NUM",
            "v.TR_NUM, v.TR_PHONE, v.TR_CALLBACK, v.TR_SENDDATE, v.TR_MSG, v.TR_MSGTYPE",
            // TR_SENDDATE may be NULL in the vendor's DDL: such a row goes out at once
            "v.TR_SENDSTAT = '0' AND (v.TR_SENDDATE IS NULL OR v.TR_SENDDATE <= ?)",
            "v.TR_NUM"),
        new Source(
            t.get("mms"),
            "MSGKEY",
            "v.MSGKEY, v.PHONE, v.CALLBACK, v.REQDATE, v.SUBJECT, v.MSG, v.TYPE, v.FILE_CNT,"
                + " v.EXPIRETIME"
                + files,
            "v.STATUS = '0' AND v.REQDATE <= ?",
            "v.MSGKEY"));
  }

  private static boolean isSms(String table, LayoutTables t) {
    return table.equalsIgnoreCase(t.get("send"));
  }

  @Override
  public SideRow map(Source source, ResultSet rs, Connection c, LayoutTables t)
      throws SQLException {
    String key = Long.toString(rs.getLong(1));
    String phone = nz(rs.getString(2));
    String callback = nz(rs.getString(3));
    LocalDateTime date = rs.getObject(4, LocalDateTime.class);
    if (isSms(source.table(), t)) {
      String msg = rs.getString(5);
      String type = nz(rs.getString(6)).trim();
      SideRow sms =
          new SideRow(
              key, "S", phone, callback, null, msg, 0, null, isAd(msg), date, null, List.of(), null,
              null, null);
      if (!type.isEmpty() && !type.equals("0")) {
        // '1' is a callback-URL SMS: NGS has no such message
        return sms.rejected(
            ResultCode.E_INVALID_MSGTYPE.code(),
            "TR_MSGTYPE '" + type + "' (callback URL message) is not supported",
            "17");
      }
      return sms;
    }
    String subject = rs.getString(5);
    String msg = rs.getString(6);
    String type = nz(rs.getString(7)).trim();
    int fileCnt = rs.getInt(8);
    LocalDateTime expires = expiry(date, rs.getString(9));
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String p = rs.getString(10 + i);
      if (p != null && !p.isBlank()) {
        paths.add(p.trim());
      }
    }
    SideRow lms =
        new SideRow(
            key,
            "L",
            phone,
            callback,
            nz(subject),
            msg,
            0,
            null,
            isAd(subject) || isAd(msg),
            date,
            expires,
            List.of(),
            null,
            null,
            null);
    if (!type.isEmpty() && !type.equals("0")) {
      // 1 is an MMS URL message, 7 HTML: no NGS counterpart
      return lms.rejected(
          ResultCode.E_INVALID_MSGTYPE.code(),
          "TYPE '" + type + "' (MMS URL / HTML message) is not supported",
          null);
    }
    if (fileCnt > 0 && paths.isEmpty()) {
      return lms.rejected(
          AgentCode.BAD_ROW.code(), "FILE_CNT " + fileCnt + " but no FILE_PATH1..5", null);
    }
    if (paths.size() > MAX_IMAGES) {
      return lms.rejected(
          ResultCode.E_MEDIA_COUNT.code(),
          paths.size() + " files; an NGS MMS carries at most " + MAX_IMAGES + " images",
          null);
    }
    List<SideRow.Image> images = new ArrayList<>();
    for (String p : paths) {
      Path path;
      byte[] data;
      try {
        path = Path.of(p);
        data = ImageFiles.read(path);
      } catch (IOException | InvalidPathException e) {
        return lms.rejected(
            AgentCode.BAD_ROW.code(),
            "MMS file " + ImageFiles.fileName(p) + " cannot be read: " + e.getMessage(),
            null);
      }
      int mtype = ImageFiles.imageType(data);
      if (mtype == 0) {
        return lms.rejected(
            ResultCode.E_MEDIA_TYPE.code(),
            "MMS file " + ImageFiles.fileName(p) + " is not a JPG or PNG image",
            null);
      }
      images.add(new SideRow.Image(mtype, ImageFiles.fileName(p), data));
    }
    if (images.isEmpty()) {
      return lms;
    }
    return new SideRow(
        key,
        "M",
        phone,
        callback,
        nz(subject),
        msg,
        0,
        null,
        lms.advertising(),
        date,
        expires,
        images,
        null,
        null,
        null);
  }

  /**
   * EXPIRETIME is the MMS's validity in seconds after REQDATE (the vendor's default 43200, twelve
   * hours); blank or unreadable leaves the agent's default time to live.
   */
  static @Nullable LocalDateTime expiry(@Nullable LocalDateTime reqDate, @Nullable String seconds) {
    if (reqDate == null || seconds == null || !seconds.trim().matches("[0-9]{1,9}")) {
      return null;
    }
    long s = Long.parseLong(seconds.trim());
    return s == 0 ? null : reqDate.plusSeconds(s);
  }

  private static boolean isAd(@Nullable String s) {
    return s != null && s.stripLeading().startsWith(AD_PREFIX);
  }

  @Override
  public @Nullable String logTable(Reflection r, LayoutTables t) {
    String role = isSms(r.table(), t) ? "log" : "mms-log";
    if (t.get(role).equalsIgnoreCase("none")) {
      return null; // finished rows stay in the send table
    }
    // the month of the row's send time (TR_SENDDATE / REQDATE), where sites' code looks for it
    return t.monthly(role, r.scheduledAt() != null ? r.scheduledAt() : r.now());
  }

  @Override
  public @Nullable String reflect(
      Connection c, Reflection r, @Nullable String logTable, LayoutTables t) throws SQLException {
    boolean sms = isSms(r.table(), t);
    String table = sms ? t.get("send") : t.get("mms");
    String keyColumn = sms ? "TR_NUM" : "MSGKEY";
    long key = Long.parseLong(r.key());
    if (r.status() == MessageStatus.SENT) {
      String sql =
          sms
              ? "UPDATE "
                  + table
                  + " SET TR_SENDSTAT = '1', TR_REALSENDDATE = ?, TR_MODIFIED = ?"
                  + " WHERE TR_NUM = ? AND TR_SENDSTAT = '0'"
              : "UPDATE "
                  + table
                  + " SET STATUS = '2', SENTDATE = ? WHERE MSGKEY = ? AND STATUS = '0'";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        ps.setObject(i++, r.ackAt() != null ? r.ackAt() : r.now(), Types.TIMESTAMP);
        if (sms) {
          ps.setObject(i++, r.now(), Types.TIMESTAMP);
        }
        ps.setLong(i, key);
        ps.executeUpdate();
      }
      return null;
    }
    if (!r.status().terminal()) {
      // READY again after a crash or a retryable refusal: waiting, as the vendor shows it
      String sql =
          sms
              ? "UPDATE " + table + " SET TR_SENDSTAT = '0' WHERE TR_NUM = ? AND TR_SENDSTAT = '1'"
              : "UPDATE " + table + " SET STATUS = '0' WHERE MSGKEY = ? AND STATUS = '2'";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, key);
        ps.executeUpdate();
      }
      return null;
    }
    Integer code = r.resultCode() != null ? r.resultCode() : r.ackCode();
    String result =
        r.presetResult() != null
            ? r.presetResult()
            : sms ? LgResultCodes.sms(code) : LgResultCodes.mms(code);
    LocalDateTime resultAt =
        r.deliveredAt() != null ? r.deliveredAt() : r.reportAt() != null ? r.reportAt() : r.now();
    String sql =
        sms
            ? "UPDATE "
                + table
                + " SET TR_SENDSTAT = '2', TR_RSLTSTAT = ?, TR_NET = ?, TR_RSLTDATE = ?,"
                + " TR_MODIFIED = ?, TR_REALSENDDATE = COALESCE(TR_REALSENDDATE, ?)"
                + " WHERE TR_NUM = ?"
            : "UPDATE "
                + table
                + " SET STATUS = '3', RSLT = ?, TELCOINFO = ?, RSLTDATE = ?, TERMINATEDDATE = ?,"
                + " SENTDATE = COALESCE(SENTDATE, ?), REPORTDATE = ? WHERE MSGKEY = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, result);
      ps.setString(i++, LgResultCodes.carrier(r.telco()));
      ps.setObject(i++, resultAt, Types.TIMESTAMP);
      ps.setObject(i++, r.now(), Types.TIMESTAMP);
      ps.setObject(i++, r.ackAt(), Types.TIMESTAMP);
      if (!sms) {
        ps.setObject(i++, r.reportAt(), Types.TIMESTAMP);
      }
      ps.setLong(i, key);
      ps.executeUpdate();
    }
    if (logTable != null) {
      LegacySql.moveRow(c, table, logTable, keyColumn, key);
    }
    return result;
  }

  @Override
  public List<String> vendorDdl(Dialect d, LayoutTables t) {
    return ScTranDdl.statements(d, t.get("send"), t.get("mms"));
  }

  private static String nz(@Nullable String s) {
    return s == null ? "" : s;
  }
}
