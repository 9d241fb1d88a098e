package dev.ngsign.navercert.server.internal;

import static dev.ngsign.navercert.ErrorCodes.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler: frames requests, routes them, and turns {@link ApiError}s into Barocert's
 * {code, message} replies. Routes:
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
public final class Front implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Front.class);
  private static final int MAX_BODY = 2 * 1024 * 1024;

  private final Auth auth;
  private final Engine engine;
  private final SimulatorCa ca;

  public Front(Auth auth, Engine engine, SimulatorCa ca) {
    this.auth = auth;
    this.engine = engine;
    this.ca = ca;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      try {
        byte[] body = readBody(ex);
        route(ex, method, path, body);
      } catch (ApiError e) {
        LOG.debug("{} {} -> {} {}", method, path, e.status(), e.code());
        json(ex, e.status(), new Wire.Error(e.code(), e.getMessage()));
      } catch (RuntimeException e) {
        LOG.warn("{} {} failed", method, path, e);
        json(ex, 500, new Wire.Error(INTERNAL, "internal error: " + e.getClass().getSimpleName()));
      }
    }
  }

  private void route(HttpExchange ex, String method, String path, byte[] body) throws IOException {
    String[] seg = path.length() > 1 ? path.substring(1).split("/") : new String[0];
    if (seg.length == 0) {
      redirect(ex, "/app");
      return;
    }
    switch (seg[0]) {
      case "BAROCERT":
        if (seg.length == 2 && "Token".equals(seg[1]) && "POST".equals(method)) {
          json(ex, 200, auth.issue(ex.getRequestHeaders(), body));
          return;
        }
        break;
      case "Time":
        if (seg.length == 1 && "GET".equals(method)) {
          bytes(ex, 200, "text/plain; charset=utf-8",
              WireTime.LH_DATE.format(engine.clock().instant()).getBytes(StandardCharsets.US_ASCII));
          return;
        }
        break;
      case "NAVER":
        if (naver(ex, method, path, seg, body)) {
          return;
        }
        break;
      case "operator":
        if (operator(ex, method, seg, body)) {
          return;
        }
        break;
      case "app":
        if (app(ex, method, seg)) {
          return;
        }
        break;
      case "ca.pem":
        bytes(ex, 200, "application/x-pem-file", ca.certificatePem().getBytes(StandardCharsets.US_ASCII));
        return;
      case "ca.der":
        bytes(ex, 200, "application/pkix-cert", ca.certificateDer());
        return;
      default:
        break;
    }
    throw new ApiError(404, NOT_FOUND, "no such endpoint: " + method + " " + path);
  }

  private boolean naver(HttpExchange ex, String method, String path, String[] seg, byte[] body) {
    if (seg.length < 3 || seg.length > 4) {
      return false;
    }
    Engine.Kind kind = Engine.Kind.ofSegment(seg[1]);
    if (kind == null) {
      return false;
    }
    String clientCode = seg[2];
    Account acc = auth.service(ex.getRequestHeaders(), kind.scope, clientCode);
    if (seg.length == 3 && "POST".equals(method)) {
      EncryptionMode mode = auth.post(ex.getRequestHeaders(), acc, path, body);
      Wire.Receipt r =
          switch (kind) {
            case MULTI -> engine.requestMulti(acc, clientCode, parse(body, Wire.MultiSignRequest.class), mode);
            case SIGN -> engine.requestSign(acc, clientCode, parse(body, Wire.SignRequest.class), mode);
            case IDENTITY -> engine.requestIdentity(acc, clientCode, parse(body, Wire.IdentityRequest.class), mode);
          };
      json(ex, 200, r);
      return true;
    }
    if (seg.length == 4 && "GET".equals(method)) {
      json(ex, 200, engine.status(kind, clientCode, seg[3]));
      return true;
    }
    if (seg.length == 4 && "POST".equals(method)) {
      EncryptionMode mode = auth.post(ex.getRequestHeaders(), acc, path, body);
      json(ex, 200, engine.verify(kind, acc, clientCode, seg[3], mode));
      return true;
    }
    return false;
  }

  private boolean operator(HttpExchange ex, String method, String[] seg, byte[] body) {
    if (seg.length < 2 || !"requests".equals(seg[1])) {
      return false;
    }
    if (seg.length == 2 && "GET".equals(method)) {
      String q = ex.getRequestURI().getQuery();
      boolean all = q != null && q.contains("all=true");
      json(ex, 200, engine.list(!all, 200).stream().map(Front::view).toList());
      return true;
    }
    if (seg.length == 3 && "GET".equals(method)) {
      json(ex, 200, view(engine.get(seg[2])));
      return true;
    }
    if (seg.length == 4 && "POST".equals(method)) {
      switch (seg[3]) {
        case "sign" -> json(ex, 200, view(engine.sign(seg[2], profile(body))));
        case "refuse" -> json(ex, 200, view(engine.finish(seg[2], SignState.REFUSED)));
        case "fail" -> json(ex, 200, view(engine.finish(seg[2], SignState.FAILED)));
        default -> {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private boolean app(HttpExchange ex, String method, String[] seg) {
    if (seg.length == 1 && "GET".equals(method)) {
      String notice = null;
      String q = ex.getRequestURI().getRawQuery();
      if (q != null && q.startsWith("notice=")) {
        notice = URLDecoder.decode(q.substring(7), StandardCharsets.UTF_8);
      }
      String html = AppPage.render(engine.list(true, 100), engine.list(false, 20), notice);
      bytes(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
      return true;
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
          return false;
        }
      } catch (ApiError e) {
        notice = "오류 " + e.code() + ": " + e.getMessage();
      }
      redirect(ex, "/app?notice=" + java.net.URLEncoder.encode(notice, StandardCharsets.UTF_8));
      return true;
    }
    return false;
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

  private static SignerProfile profile(byte[] body) {
    if (body.length == 0) {
      return SignerProfile.DEFAULT;
    }
    try {
      Map<?, ?> m = Json.read(body, Map.class);
      String gender = m.get("gender") == null ? "M" : m.get("gender").toString();
      String email = m.get("email") == null ? SignerProfile.DEFAULT.email() : m.get("email").toString();
      boolean foreign = Boolean.parseBoolean(String.valueOf(m.get("foreign")));
      return new SignerProfile(gender, email, foreign);
    } catch (IOException | IllegalArgumentException e) {
      throw new ApiError(400, BAD_REQUEST_BODY, "signer profile must be JSON {gender: M|F, email, foreign}");
    }
  }

  private static <T> T parse(byte[] body, Class<T> type) {
    try {
      return Json.read(body, type);
    } catch (IOException e) {
      throw new ApiError(400, BAD_REQUEST_BODY, "the body is not the expected JSON");
    }
  }

  private static byte[] readBody(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[16384];
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        if (out.size() > MAX_BODY) {
          throw new ApiError(413, BAD_REQUEST_BODY, "body larger than 2 MiB");
        }
      }
      return out.toByteArray();
    }
  }

  private static void json(HttpExchange ex, int status, Object value) {
    bytes(ex, status, "application/json; charset=utf-8", Json.write(value));
  }

  private static void redirect(HttpExchange ex, String location) {
    try {
      ex.getResponseHeaders().set("Location", location);
      ex.sendResponseHeaders(303, -1);
    } catch (IOException e) {
      LOG.debug("client went away", e);
    }
  }

  private static void bytes(HttpExchange ex, int status, String type, byte[] data) {
    try {
      byte[] out = data;
      String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
      if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(data.length / 2 + 32);
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
          gz.write(data);
        }
        out = bos.toByteArray();
        ex.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    } catch (IOException e) {
      LOG.debug("client went away", e);
    }
  }
}
