package dev.ngsign.navercert.server.internal;

import static dev.ngsign.navercert.ErrorCodes.*;

import dev.ngsign.http.Reply;
import dev.ngsign.http.Request;
import dev.ngsign.navercert.EncryptionMode;
import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.internal.Json;
import dev.ngsign.navercert.internal.Wire;
import dev.ngsign.navercert.internal.WireTime;
import dev.ngsign.navercert.server.Account;
import dev.ngsign.navercert.server.PendingRequest;
import dev.ngsign.navercert.server.SignerProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes: one complete request in, one reply out (the listener frames and times out); and turns
 * {@link ApiError}s into Barocert's {code, message} replies. Routes:
 *
 * <pre>
 * POST /BAROCERT/Token                       auth: session token (LINKHUB signature)
 * GET  /Time                                 auth: server time, yyyy-MM-dd'T'HH:mm:ss'Z'
 * POST /NAVER/{MultiSign|Sign|Identity}/{cc}         request
 * GET  /NAVER/{MultiSign|Sign|Identity}/{cc}/{rid}   status
 * POST /NAVER/{MultiSign|Sign|Identity}/{cc}/{rid}   verify
 * GET  /operator/requests[?all=true]         signer side: list (JSON)
 * GET  /operator/requests/{rid}              one request (JSON)
 * POST /operator/requests/{rid}/{sign|refuse|fail}   act as the person (JSON)
 * GET  /app                                  the simulated Naver app (HTML)
 * POST /app/requests/{rid}/{sign|refuse}     its buttons (form post, 303 back to /app)
 * GET  /ca.pem, /ca.der                      the simulator CA certificate
 * </pre>
 */
public final class Front implements Function<Request, Reply> {
  private static final Logger LOG = LoggerFactory.getLogger(Front.class);

  private final Auth auth;
  private final Engine engine;
  private final SimulatorCa ca;

  public Front(Auth auth, Engine engine, SimulatorCa ca) {
    this.auth = auth;
    this.engine = engine;
    this.ca = ca;
  }

  @Override
  public Reply apply(Request ex) {
    String method = ex.method();
    String path = ex.rawPath();
    try {
      return route(ex, method, path, ex.body());
    } catch (ApiError e) {
      LOG.debug("{} {} -> {} {}", method, path, e.status(), e.code());
      return json(ex, e.status(), new Wire.Error(e.code(), e.getMessage()));
    } catch (RuntimeException e) {
      LOG.warn("{} {} failed", method, path, e);
      return json(
          ex, 500, new Wire.Error(INTERNAL, "internal error: " + e.getClass().getSimpleName()));
    }
  }

  private Reply route(Request ex, String method, String path, byte[] body) {
    String[] seg = path.length() > 1 ? path.substring(1).split("/") : new String[0];
    if (seg.length == 0) {
      return Reply.redirect("/app");
    }
    Reply r =
        switch (seg[0]) {
          case "BAROCERT" ->
              seg.length == 2 && "Token".equals(seg[1]) && "POST".equals(method)
                  ? json(ex, 200, auth.issue(ex.headers(), body))
                  : null;
          case "Time" ->
              seg.length == 1 && "GET".equals(method)
                  ? bytes(
                      ex,
                      200,
                      "text/plain; charset=utf-8",
                      WireTime.LH_DATE
                          .format(engine.clock().instant())
                          .getBytes(StandardCharsets.US_ASCII))
                  : null;
          case "NAVER" -> naver(ex, method, path, seg, body);
          case "operator" -> operator(ex, method, seg, body);
          case "app" -> app(ex, method, seg);
          case "ca.pem" ->
              bytes(
                  ex,
                  200,
                  "application/x-pem-file",
                  ca.certificatePem().getBytes(StandardCharsets.US_ASCII));
          case "ca.der" -> bytes(ex, 200, "application/pkix-cert", ca.certificateDer());
          default -> null;
        };
    if (r == null) {
      throw new ApiError(404, NOT_FOUND, "no such endpoint: " + method + " " + path);
    }
    return r;
  }

  private Reply naver(Request ex, String method, String path, String[] seg, byte[] body) {
    if (seg.length < 3 || seg.length > 4) {
      return null;
    }
    Engine.Kind kind = Engine.Kind.ofSegment(seg[1]);
    if (kind == null) {
      return null;
    }
    String clientCode = seg[2];
    Account acc = auth.service(ex.headers(), kind.scope, clientCode);
    if (seg.length == 3 && "POST".equals(method)) {
      EncryptionMode mode = auth.post(ex.headers(), acc, path, body);
      Wire.Receipt r =
          switch (kind) {
            case MULTI ->
                engine.requestMulti(
                    acc,
                    clientCode,
                    JsonBody.object(body, Wire.MultiSignRequest.class, "the MultiSign request"),
                    mode);
            case SIGN ->
                engine.requestSign(
                    acc,
                    clientCode,
                    JsonBody.object(body, Wire.SignRequest.class, "the Sign request"),
                    mode);
            case IDENTITY ->
                engine.requestIdentity(
                    acc,
                    clientCode,
                    JsonBody.object(body, Wire.IdentityRequest.class, "the Identity request"),
                    mode);
          };
      return json(ex, 200, r);
    }
    if (seg.length == 4 && "GET".equals(method)) {
      return json(ex, 200, engine.status(kind, clientCode, seg[3]));
    }
    if (seg.length == 4 && "POST".equals(method)) {
      EncryptionMode mode = auth.post(ex.headers(), acc, path, body);
      return json(ex, 200, engine.verify(kind, acc, clientCode, seg[3], mode));
    }
    return null;
  }

  private Reply operator(Request ex, String method, String[] seg, byte[] body) {
    if (seg.length < 2 || !"requests".equals(seg[1])) {
      return null;
    }
    if (seg.length == 2 && "GET".equals(method)) {
      String q = ex.rawQuery();
      boolean all = q != null && q.contains("all=true");
      return json(ex, 200, engine.list(!all, 200).stream().map(Front::view).toList());
    }
    if (seg.length == 3 && "GET".equals(method)) {
      return json(ex, 200, view(engine.get(seg[2])));
    }
    if (seg.length == 4 && "POST".equals(method)) {
      return switch (seg[3]) {
        case "sign" -> json(ex, 200, view(engine.sign(seg[2], profile(body))));
        case "refuse" -> json(ex, 200, view(engine.finish(seg[2], SignState.REFUSED)));
        case "fail" -> json(ex, 200, view(engine.finish(seg[2], SignState.FAILED)));
        default -> null;
      };
    }
    return null;
  }

  private Reply app(Request ex, String method, String[] seg) {
    if (seg.length == 1 && "GET".equals(method)) {
      String notice = null;
      String q = ex.rawQuery();
      if (q != null && q.startsWith("notice=")) {
        notice = URLDecoder.decode(q.substring(7), StandardCharsets.UTF_8);
      }
      String html = AppPage.render(engine.list(true, 100), engine.list(false, 20), notice);
      return bytes(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }
    if (seg.length == 4 && "requests".equals(seg[1]) && "POST".equals(method)) {
      String rid = seg[2];
      String notice;
      try {
        if ("sign".equals(seg[3])) {
          engine.sign(rid, SignerProfile.DEFAULT);
          notice = "서명 완료 (signed): " + rid;
        } else if ("refuse".equals(seg[3])) {
          engine.finish(rid, SignState.REFUSED);
          notice = "거절됨 (refused): " + rid;
        } else {
          return null;
        }
      } catch (ApiError e) {
        notice = "오류 " + e.code() + ": " + e.getMessage();
      }
      return Reply.redirect(
          "/app?notice=" + java.net.URLEncoder.encode(notice, StandardCharsets.UTF_8));
    }
    return null;
  }

  /** Operator JSON of a request (times as strings; masked name and phone). */
  private static Map<String, Object> view(PendingRequest r) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("receiptID", r.receiptID());
    m.put("clientCode", r.clientCode());
    m.put("kind", r.kind());
    m.put("state", r.state().code());
    m.put("stateName", r.state().name());
    m.put("reqTitle", r.reqTitle());
    m.put("reqMessage", r.reqMessage());
    m.put("callCenterNum", r.callCenterNum());
    m.put("receiverName", r.maskedName());
    m.put("receiverHP", r.maskedPhone());
    m.put("expireDT", WireTime.EXPIRE_DT.format(r.expireAt()));
    m.put("expireAt", r.expireAt().toString());
    m.put("documents", r.documents());
    return m;
  }

  /**
   * The operator's signer profile: {gender: "M"|"F", email: string, foreign: boolean}, nothing
   * else.
   */
  private static SignerProfile profile(byte[] body) {
    if (body.length == 0) {
      return SignerProfile.DEFAULT;
    }
    com.fasterxml.jackson.databind.JsonNode m =
        JsonBody.object(body, com.fasterxml.jackson.databind.JsonNode.class, "the signer profile");
    String bad =
        "the signer profile must be JSON {\"gender\": \"M\"|\"F\", \"email\": \"...\", \"foreign\": true|false}";
    java.util.Iterator<String> names = m.fieldNames();
    while (names.hasNext()) {
      if (!java.util.Set.of("gender", "email", "foreign").contains(names.next())) {
        throw new ApiError(400, BAD_REQUEST_BODY, bad + " and nothing else");
      }
    }
    com.fasterxml.jackson.databind.JsonNode g = m.get("gender");
    com.fasterxml.jackson.databind.JsonNode e = m.get("email");
    com.fasterxml.jackson.databind.JsonNode f = m.get("foreign");
    if ((g != null && !g.isTextual())
        || (e != null && !e.isTextual())
        || (f != null && !f.isBoolean())) {
      throw new ApiError(400, BAD_REQUEST_BODY, bad);
    }
    try {
      return new SignerProfile(
          g == null ? "M" : g.asText(),
          e == null ? SignerProfile.DEFAULT.email() : e.asText(),
          f != null && f.asBoolean());
    } catch (IllegalArgumentException ex) {
      throw new ApiError(400, BAD_REQUEST_BODY, bad);
    }
  }

  private static Reply json(Request ex, int status, Object value) {
    return bytes(ex, status, "application/json; charset=utf-8", Json.write(value));
  }

  /** The reply, gzipped when the client accepts it (Barocert's SDKs ask for gzip). */
  private static Reply bytes(Request ex, int status, String type, byte[] data) {
    String accept = ex.header("Accept-Encoding");
    if (data.length == 0
        || accept == null
        || !accept.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
      return Reply.of(status, type, data);
    }
    ByteArrayOutputStream bos = new ByteArrayOutputStream(data.length / 2 + 32);
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(data);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new Reply(status, type, bos.toByteArray(), Map.of("Content-Encoding", "gzip"));
  }
}
