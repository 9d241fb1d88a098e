package dev.ngsign.cli.navercert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ngsign.navercert.MultiSignReceipt;
import dev.ngsign.navercert.MultiSignResult;
import dev.ngsign.navercert.MultiSignStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON output of the client commands (records mapped by hand: Instants as ISO-8601 strings). */
final class CliJson {
  static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private CliJson() {}

  static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> of(MultiSignReceipt r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("receiptID", r.receiptID());
    m.put("scheme", r.scheme());
    m.put("marketUrl", r.marketUrl());
    return m;
  }

  static Map<String, Object> of(MultiSignStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("receiptID", s.receiptID());
    m.put("clientCode", s.clientCode());
    m.put("state", s.state().code());
    m.put("stateName", s.state().name());
    m.put("expireIn", s.expireIn());
    m.put("expireDT", s.expireDT() == null ? null : s.expireDT().toString());
    m.put("reqTitle", s.reqTitle());
    m.put("callCenterName", s.callCenterName());
    m.put("callCenterNum", s.callCenterNum());
    m.put("tokenTypes", s.tokenTypes());
    m.put("appUseYN", s.appUseYN());
    m.put("deviceOSType", s.deviceOSType());
    m.put("returnURL", s.returnURL());
    m.put("scheme", s.scheme());
    return m;
  }

  static Map<String, Object> of(MultiSignResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("receiptID", r.receiptID());
    m.put("state", r.state().code());
    m.put("receiverName", r.receiverName());
    m.put("receiverYear", r.receiverYear());
    m.put("receiverDay", r.receiverDay());
    m.put("receiverHP", r.receiverHP());
    m.put("receiverGender", r.receiverGender());
    m.put("receiverEmail", r.receiverEmail());
    m.put("receiverForeign", r.receiverForeign());
    m.put("ci", r.ci());
    m.put("multiSignedData", r.multiSignedData());
    return m;
  }
}
