package dev.ngsign.ngs.protocol.codec;

/** Field names and sizes of every packet, as the spec's tables give them (sections 3 and 4). */
public final class Layout {
  private Layout() {}

  // 3.1 Header (14 bytes)
  public static final FixedField HEAD_TYPE = new FixedField("HeadType", 4);
  public static final FixedField MSG_LENG = new FixedField("MsgLeng", 10);
  public static final int HEADER_SIZE = HEAD_TYPE.size() + MSG_LENG.size();

  // 4.1 CERT (149) / CERT_ACK (125), 4.2 BIND (220) / BIND_ACK (59)
  public static final FixedField ID = new FixedField("ID", 20);
  public static final FixedField PWD =
      new FixedField("PWD", 110, FixedField.Sensitivity.CONFIDENTIAL);
  public static final FixedField VERSION = new FixedField("VERSION", 15);
  public static final FixedField KEYPOS = new FixedField("KEYPOS", 4);
  public static final FixedField RESULT = new FixedField("RESULT", 4);
  public static final FixedField CERT_KEY =
      new FixedField("CERT_KEY", 65, FixedField.Sensitivity.CONFIDENTIAL);
  public static final FixedField SERVER_IP = new FixedField("SERVER_IP", 40);
  public static final FixedField DELIVER_PORT = new FixedField("DELIVER_PORT", 8);
  public static final FixedField REPORT_PORT = new FixedField("REPORT_PORT", 8);
  public static final FixedField BIND_TYPE = new FixedField("TYPE", 2);
  public static final FixedField KIND = new FixedField("KIND", 4);
  public static final FixedField SMS_TPS = new FixedField("SMS_TPS", 5);
  public static final FixedField MMS_TPS = new FixedField("MMS_TPS", 5);
  public static final FixedField KKO_TPS = new FixedField("KKO_TPS", 5);
  public static final FixedField BIND_ACK_MESSAGE = new FixedField("MESSAGE", 40);

  // 4.3 DELIVER (221 + n) / DELIVER_ACK (44)
  public static final FixedField MSGTYPE = new FixedField("MSGTYPE", 2);
  public static final FixedField DA_ADDR =
      new FixedField("DA_ADDR", 20, FixedField.Sensitivity.PERSONAL);
  public static final FixedField CALLBACK = new FixedField("CALLBACK", 20);
  public static final FixedField ENCODING = new FixedField("ENCODING", 2);
  public static final FixedField TEXT =
      new FixedField("TEXT", 141, FixedField.Sensitivity.CONFIDENTIAL);
  public static final FixedField SENDERKEY = new FixedField("SENDERKEY", 41);
  public static final FixedField TEMPLATE = new FixedField("TEMPLATE", 31);
  public static final FixedField METHOD = new FixedField("METHOD", 2);
  public static final FixedField FAILOVER = new FixedField("FAILOVER", 2);
  public static final FixedField TITLE =
      new FixedField("TITLE", 65, FixedField.Sensitivity.CONFIDENTIAL);
  public static final FixedField SERIAL = new FixedField("SERIAL", 20);
  public static final FixedField SENDER_CODE = new FixedField("SENDER_CODE", 10);
  public static final FixedField MEDIACNT = new FixedField("MEDIACNT", 2);
  public static final FixedField EXT_SIZE = new FixedField("EXT_SIZE", 4);
  public static final FixedField DPT_CODE = new FixedField("DPT_CODE", 10);
  public static final FixedField NAT_CODE = new FixedField("NAT_CODE", 16);
  public static final FixedField MTYPE = new FixedField("MTYPE", 3);
  public static final FixedField MEDIA_ENCODING = new FixedField("ENCODING", 2);
  public static final FixedField MFILELEN = new FixedField("MFILELEN", 10);

  /** MTYPE + ENCODING + MFILELEN in front of each attachment's bytes. */
  public static final int MEDIA_HEADER_SIZE =
      MTYPE.size() + MEDIA_ENCODING.size() + MFILELEN.size();

  // 4.4 REPORT (94) / REPORT_ACK (40)
  public static final FixedField REPORT_MESSAGE = new FixedField("MESSAGE", 15);
  public static final FixedField GWSERIAL = new FixedField("GWSERIAL", 16);
  public static final FixedField SENDTIME = new FixedField("SENDTIME", 15);
  public static final FixedField TELCOINFO = new FixedField("TELCOINFO", 4);

  // 4.5 EVENT (90)
  public static final FixedField EVENT_TYPE = new FixedField("TYPE", 2);
  public static final FixedField EVENT_DATA = new FixedField("DATA", 88);
}
