package dev.ngsign.ngs.agent.internal.legacy.bizmsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.agent.MessageStatus;
import dev.ngsign.ngs.agent.internal.legacy.ImageFiles;
import dev.ngsign.ngs.agent.internal.legacy.LayoutTables;
import dev.ngsign.ngs.agent.internal.legacy.LegacyLayout;
import dev.ngsign.ngs.agent.internal.legacy.LegacySql;
import dev.ngsign.ngs.agent.internal.legacy.Reflection;
import dev.ngsign.ngs.agent.internal.legacy.SideRow;
import dev.ngsign.ngs.agent.internal.legacy.bizmsg.BizResultCodes.Channel;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.ReportMessage;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * BizPPurio's bizclient: customers INSERT into {@code BIZ_MSG} with their own {@code CMID}, {@code
 * STATUS 0} and {@code SEND_TIME}; {@code MSG_TYPE} 0 is SMS, 5 LMS (MMS when {@code ATTACHED_FILE}
 * names images), 6 AlimTalk and 7 FriendTalk with {@code SENDER_KEY}, {@code TEMPLATE_CODE} and a
 * fallback in {@code RE_TYPE}/{@code RE_BODY}. The agent sets {@code STATUS 1} and {@code UMID}
 * once the gateway accepted the message, {@code STATUS 2} with {@code CALL_STATUS}, {@code
 * REPORT_TIME} and {@code TEL_INFO} when it is finished, and moves the row to {@code
 * BIZ_LOG_YYYYMM}. When a Kakao message fell back to SMS/LMS/MMS it adds, as bizclient does, a
 * second record for the fallback whose {@code CMID} is the Kakao row's {@code UMID}
 * (docs/legacy-tables.md, "biz-msg").
 */
public final class BizMsgLayout implements LegacyLayout {
  public static final String NAME = "biz-msg";

  static final int MAX_IMAGES = 4;

  /** bizclient's JSON attachment files are EUC-KR (dispatch/kakao-biz.md). */
  private static final Charset EUC_KR = Charset.forName("MS949");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path fileDir;

  /**
   * @param fileDir where relative names in {@code ATTACHED_FILE} are (bizclient's spool directory,
   *     its {@code FILE_PATH}); absolute names are used as they are
   */
  public BizMsgLayout(Path fileDir) {
    this.fileDir = fileDir;
  }

  public BizMsgLayout() {
    this(Path.of("spool"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> defaultTables() {
    return Map.of("send", "BIZ_MSG", "log", "BIZ_LOG_" + LayoutTables.MONTH);
  }

  @Override
  public List<Source> sources(LayoutTables t) {
    return List.of(
        new Source(
            t.get("send"),
            "CMID",
            "v.CMID, v.MSG_TYPE, v.DEST_PHONE, v.SEND_PHONE, v.SEND_TIME, v.SUBJECT, v.MSG_BODY,"
                + " v.NATION_CODE, v.SENDER_KEY, v.TEMPLATE_CODE, v.RE_TYPE, v.RE_BODY,"
                + " v.ATTACHED_FILE, v.AD_FLAG",
            "v.STATUS = 0 AND v.SEND_TIME <= ?",
            "v.SEND_TIME, v.CMID"));
  }

  @Override
  public SideRow map(Source source, ResultSet rs, Connection c, LayoutTables t)
      throws SQLException {
    String cmid = rs.getString(1);
    int type = rs.getInt(2);
    String phone = nz(rs.getString(3));
    String callback = nz(rs.getString(4));
    LocalDateTime sendTime = rs.getObject(5, LocalDateTime.class);
    String subject = rs.getString(6);
    String body = rs.getString(7);
    String nation = nz(rs.getString(8)).trim();
    String senderKey = rs.getString(9);
    String template = rs.getString(10);
    String reType = nz(rs.getString(11)).trim().toUpperCase(Locale.ROOT);
    String reBody = rs.getString(12);
    String attached = nz(rs.getString(13)).trim();
    String adFlag = nz(rs.getString(14)).trim().toUpperCase(Locale.ROOT);
    SideRow sms =
        new SideRow(
            cmid, "S", phone, callback, null, body, 0, null, false, sendTime, null, List.of(), null,
            null, null);
    if (type != 0 && type != 5 && type != 6 && type != 7) {
      // FAX 2, PHONE 3, RCS 8, BI 11, BW 12: NGS carries none of them
      return sms.rejected(
          ResultCode.E_INVALID_MSGTYPE.code(),
          "MSG_TYPE " + type + " is not 0 (SMS), 5 (LMS/MMS), 6 (AlimTalk) or 7 (FriendTalk)",
          "9907");
    }
    Files files;
    try {
      files = files(attached);
    } catch (BadFile e) {
      return sms.rejected(e.code, e.getMessage(), e.vendorCode);
    }
    if (type == 0) {
      return sms;
    }
    if (type == 5) {
      return new SideRow(
          cmid,
          files.images.isEmpty() ? "L" : "M",
          phone,
          callback,
          nz(subject),
          body,
          0,
          null,
          false,
          sendTime,
          null,
          files.images,
          null,
          null,
          null);
    }
    // Kakao: RE_TYPE says what Kakao's failure falls back to
    Failover failover;
    String fallbackText = null;
    boolean hasReBody = reBody != null && !reBody.isBlank();
    switch (reType) {
      case "" -> failover = Failover.NONE;
      case "SMS", "RS" -> {
        failover = hasReBody ? Failover.REPLACE : Failover.CONVERT;
        fallbackText = hasReBody ? reBody : null;
      }
      case "MMS", "RM" -> {
        failover =
            !files.images.isEmpty()
                ? Failover.REPLACE_MMS
                : hasReBody ? Failover.REPLACE : Failover.CONVERT;
        fallbackText = hasReBody ? reBody : null;
      }
      default -> {
        return sms.rejected(
            ResultCode.E_INVALID_KAKAO.code(),
            "RE_TYPE '" + reType + "' (RCS) is not supported: NGS has no RCS",
            "9033");
      }
    }
    String letter = type == 6 ? "A" : friendTalkType(files.json);
    SideRow kakao =
        new SideRow(
            cmid,
            letter,
            phone,
            callback,
            nz(subject),
            body,
            0,
            null,
            // FriendTalk is advertising unless AD_FLAG says N (bizclient's default is Y)
            type == 7 && !adFlag.equals("N"),
            sendTime,
            null,
            files.images,
            null,
            null,
            null);
    return kakao.withKakao(
        new SideRow.Kakao(
            nz(senderKey).trim(),
            type == 6 ? nz(template).trim() : null,
            failover.code(),
            subject,
            fallbackText,
            files.json,
            nation.isEmpty() || nation.equals("82") ? null : nation));
  }

  /** F, or f / W when the JSON attachment carries an image (wide when extra.wide is Y). */
  private static String friendTalkType(@Nullable String json) {
    if (json == null) {
      return MessageType.FRIENDTALK.code();
    }
    try {
      JsonNode n = JSON.readTree(json);
      if (n != null && n.hasNonNull("image")) {
        boolean wide = "Y".equalsIgnoreCase(n.path("extra").path("wide").asText(""));
        return wide ? MessageType.FRIENDTALK_WIDE.code() : MessageType.FRIENDTALK_IMAGE.code();
      }
    } catch (IOException e) {
      // the gateway's check refuses bad JSON with E_INVALID_JSON and the path of the bad field
    }
    return MessageType.FRIENDTALK.code();
  }

  /** The images and the JSON attachment of ATTACHED_FILE ({@code |}-separated names). */
  private record Files(List<SideRow.Image> images, @Nullable String json) {}

  private static final class BadFile extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;
    final String vendorCode;

    BadFile(int code, String vendorCode, String message) {
      super(message, null, false, false);
      this.code = code;
      this.vendorCode = vendorCode;
    }
  }

  private Files files(String attached) throws BadFile {
    List<SideRow.Image> images = new ArrayList<>();
    String json = null;
    if (attached.isEmpty()) {
      return new Files(images, null);
    }
    for (String name : attached.split("\\|")) {
      String n = name.trim();
      if (n.isEmpty()) {
        continue;
      }
      byte[] data;
      try {
        Path p = Path.of(n);
        data = ImageFiles.read(p.isAbsolute() ? p : fileDir.resolve(p));
      } catch (IOException | InvalidPathException e) {
        throw new BadFile(
            AgentCode.BAD_ROW.code(),
            "9017", // 존재하지 않는 첨부파일
            "ATTACHED_FILE " + ImageFiles.fileName(n) + " cannot be read: " + e.getMessage());
      }
      if (n.toLowerCase(Locale.ROOT).endsWith(".json")) {
        if (json != null) {
          throw new BadFile(
              ResultCode.E_INVALID_JSON.code(), "9029", "ATTACHED_FILE names two JSON files");
        }
        json = new String(data, EUC_KR);
        continue;
      }
      int mtype = ImageFiles.imageType(data);
      if (mtype == 0) {
        throw new BadFile(
            ResultCode.E_MEDIA_TYPE.code(),
            "9019", // 지원하지 않는 첨부파일
            "ATTACHED_FILE " + ImageFiles.fileName(n) + " is not a JPG or PNG image");
      }
      images.add(new SideRow.Image(mtype, ImageFiles.fileName(n), data));
    }
    if (images.size() > MAX_IMAGES) {
      throw new BadFile(
          ResultCode.E_MEDIA_COUNT.code(),
          "9019",
          images.size() + " images; an NGS MMS carries at most " + MAX_IMAGES);
    }
    return new Files(images, json);
  }

  @Override
  public @Nullable String logTable(Reflection r, LayoutTables t) {
    if (t.get("log").equalsIgnoreCase("none")) {
      return null; // finished rows stay in BIZ_MSG
    }
    return t.monthly("log", r.scheduledAt() != null ? r.scheduledAt() : r.now());
  }

  @Override
  public @Nullable String reflect(
      Connection c, Reflection r, @Nullable String logTable, LayoutTables t) throws SQLException {
    String send = t.get("send");
    if (r.status() == MessageStatus.SENT) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE " + send + " SET STATUS = 1, UMID = ? WHERE CMID = ? AND STATUS = 0")) {
        ps.setString(1, r.serial());
        ps.setString(2, r.key());
        ps.executeUpdate();
      }
      return null;
    }
    if (!r.status().terminal()) {
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE " + send + " SET STATUS = 0 WHERE CMID = ? AND STATUS = 1")) {
        ps.setString(1, r.key());
        ps.executeUpdate();
      }
      return null;
    }
    int type;
    String umid;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT MSG_TYPE, UMID FROM " + send + " WHERE CMID = ?")) {
      ps.setString(1, r.key());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null; // gone (deleted by the site): nothing to write
        }
        type = rs.getInt(1);
        umid = rs.getString(2);
      }
    }
    if (umid == null || umid.isBlank()) {
      umid = r.serial();
    }
    ReportMessage flags =
        r.reportFlags() == null ? ReportMessage.EMPTY : ReportMessage.parse(r.reportFlags());
    String kakaoError = flags.kakaoErrorCode().orElse(null);
    Optional<MessageType> fallback = flags.finalType();
    Integer code = r.resultCode() != null ? r.resultCode() : r.ackCode();
    boolean kakao = type == 6 || type == 7;
    String callStatus;
    String telInfo;
    if (r.presetResult() != null) {
      callStatus = r.presetResult();
      telInfo = null;
    } else if (kakao && fallback.isPresent()) {
      callStatus = BizResultCodes.kakao(kakaoError); // Kakao failed; the fallback row says the rest
      telInfo = "KKO";
    } else {
      callStatus =
          BizResultCodes.callStatus(
              kakao ? Channel.KAKAO : type == 5 ? Channel.LMS_MMS : Channel.SMS, code, kakaoError);
      telInfo = kakao && code != null && code == 0 ? "KKO" : BizResultCodes.telInfo(r.telco());
    }
    LocalDateTime reportTime =
        r.deliveredAt() != null ? r.deliveredAt() : r.reportAt() != null ? r.reportAt() : r.now();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + send
                + " SET STATUS = 2, CALL_STATUS = ?, REPORT_TIME = ?, TEL_INFO = ?, UMID = ?"
                + " WHERE CMID = ?")) {
      ps.setString(1, callStatus);
      ps.setObject(2, reportTime, Types.TIMESTAMP);
      ps.setString(3, telInfo);
      ps.setString(4, umid);
      ps.setString(5, r.key());
      ps.executeUpdate();
    }
    if (kakao && fallback.isPresent() && r.presetResult() == null && umid != null) {
      MessageType ft = fallback.get();
      Channel ch = ft == MessageType.SMS ? Channel.SMS : Channel.LMS_MMS;
      addFallbackRecord(
          c,
          send,
          logTable != null ? logTable : send,
          r.key(),
          umid,
          ch == Channel.SMS ? 0 : 5,
          BizResultCodes.callStatus(ch, code, null),
          BizResultCodes.telInfo(r.telco()),
          reportTime);
    }
    if (logTable != null) {
      LegacySql.moveRow(c, send, logTable, "CMID", r.key());
    }
    return callStatus;
  }

  /**
   * The record bizclient adds for a fallback: the Kakao row's recipient, sender and times, the text
   * that went out (RE_BODY, else MSG_BODY), {@code CMID} = the Kakao row's {@code UMID}.
   */
  private static void addFallbackRecord(
      Connection c,
      String send,
      String into,
      String cmid,
      String umid,
      int msgType,
      String callStatus,
      @Nullable String telInfo,
      LocalDateTime reportTime)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + into
                + " (CMID, UMID, MSG_TYPE, STATUS, REQUEST_TIME, SEND_TIME, REPORT_TIME, DEST_PHONE,"
                + " DEST_NAME, SEND_PHONE, SEND_NAME, SUBJECT, MSG_BODY, CALL_STATUS, TEL_INFO,"
                + " CINFO) SELECT ?, ?, ?, 2, REQUEST_TIME, SEND_TIME, ?, DEST_PHONE, DEST_NAME,"
                + " SEND_PHONE, SEND_NAME, SUBJECT, CASE WHEN RE_BODY IS NULL OR RE_BODY = ''"
                + " THEN MSG_BODY ELSE RE_BODY END, ?, ?, CINFO FROM "
                + send
                + " WHERE CMID = ?")) {
      ps.setString(1, umid);
      ps.setString(2, umid);
      ps.setInt(3, msgType);
      ps.setObject(4, reportTime, Types.TIMESTAMP);
      ps.setString(5, callStatus);
      ps.setString(6, telInfo);
      ps.setString(7, cmid);
      ps.executeUpdate();
    }
  }

  @Override
  public List<String> vendorDdl(Dialect d, LayoutTables t) {
    return BizMsgDdl.statements(d, t.get("send"));
  }

  private static String nz(@Nullable String s) {
    return s == null ? "" : s;
  }
}
