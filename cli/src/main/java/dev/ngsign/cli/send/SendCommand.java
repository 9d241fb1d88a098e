package dev.ngsign.cli.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ngsign.ngs.client.AlimTalk;
import dev.ngsign.ngs.client.DeliverResult;
import dev.ngsign.ngs.client.FriendTalk;
import dev.ngsign.ngs.client.KakaoMessageBuilder;
import dev.ngsign.ngs.client.Lms;
import dev.ngsign.ngs.client.Mms;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.NgsClientBuilder;
import dev.ngsign.ngs.client.NgsConnectionException;
import dev.ngsign.ngs.client.NgsException;
import dev.ngsign.ngs.client.NgsInvalidMessageException;
import dev.ngsign.ngs.client.NgsMessage;
import dev.ngsign.ngs.client.NgsRejectedException;
import dev.ngsign.ngs.client.NgsReport;
import dev.ngsign.ngs.client.RetryPolicy;
import dev.ngsign.ngs.client.Sms;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Extension;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ngsign send}: sends one message through the NGS client SDK and prints its DELIVER_ACK (and
 * its REPORT with {@code --wait-report}). Exit status: 0 sent (and delivered, with --wait-report);
 * 1 refused by the gateway or not delivered; 2 bad input (nothing was sent); 3 connection, login or
 * time-out.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Send one SMS/LMS/MMS/AlimTalk/FriendTalk and print the DELIVER_ACK (and the REPORT with --wait-report).",
      "Exit status: 0 ok, 1 refused or not delivered, 2 invalid input (nothing sent), 3 connection/login/time-out."
    })
public final class SendCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int REFUSED = 1;
  static final int INVALID = 2;
  static final int CONNECTION = 3;

  @Spec CommandSpec spec;

  @Option(
      names = "--cert",
      required = true,
      paramLabel = "HOST:PORT",
      description = "the cert server")
  String cert;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "account ID")
  String id;

  @Option(
      names = "--password",
      required = true,
      paramLabel = "PW",
      description = "account password (never printed)")
  String password;

  @Option(names = "--encrypt", description = "encrypted sessions (BIND TYPE P)")
  boolean encrypt;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description =
          "the NGS MSGTYPE (case matters): S SMS, L LMS, M MMS, A AlimTalk, a AlimTalk with image, F FriendTalk,"
              + " f FriendTalk image, W FriendTalk wide image, s/l/m international SMS/LMS/MMS (with --nat-code)")
  String type;

  @Option(
      names = "--nat-code",
      paramLabel = "CODE",
      description =
          "country calling code for the international types s, l and m, e.g. 1 or 81 (--to without it)")
  String natCode;

  @Option(names = "--to", required = true, paramLabel = "NUMBER", description = "recipient number")
  String to;

  @Option(names = "--from", required = true, paramLabel = "NUMBER", description = "callback number")
  String from;

  @Option(names = "--text", paramLabel = "T", description = "message text")
  String text;

  @Option(
      names = "--subject",
      paramLabel = "S",
      description = "LMS/MMS subject; fallback title for Kakao types")
  String subject;

  @Option(
      names = "--image",
      paramLabel = "FILE",
      description = "JPG/PNG image (repeatable for MMS)")
  List<Path> images = new ArrayList<>();

  @Option(names = "--sender-key", paramLabel = "K", description = "Kakao sender profile key")
  String senderKey;

  @Option(names = "--template", paramLabel = "T", description = "AlimTalk template code")
  String template;

  @Option(
      names = "--failover",
      paramLabel = "N",
      description = "Kakao FAILOVER: 0 none, 1 convert, 2 replace, 3 replace as MMS")
  Integer failover;

  @Option(
      names = "--fallback-text",
      paramLabel = "T",
      description = "text sent instead on Kakao failure (default with --failover 2/3: --text)")
  String fallbackText;

  @Option(
      names = "--extras-json",
      paramLabel = "JSON",
      description = "Kakao extras JSON (buttons, ...)")
  String extrasJson;

  @Option(
      names = "--sender-code",
      paramLabel = "CODE",
      defaultValue = "${env:NGSIGN_SENDER_CODE:-000000000}",
      description =
          "9-digit SENDER_CODE (default: $NGSIGN_SENDER_CODE, else 000000000, accepted by test gateways only)")
  String senderCode;

  @Option(
      names = "--serial",
      paramLabel = "SERIAL",
      description = "SERIAL to use (default: generated)")
  String serial;

  @Option(names = "--wait-report", description = "wait for the REPORT and print it")
  boolean waitReport;

  @Option(
      names = "--report-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "how long --wait-report waits (default ${DEFAULT-VALUE})")
  int reportTimeout;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    quietUnlessVerbose(dev.ngsign.cli.ErrorReport.verbose());
    NgsMessage message;
    NgsClientBuilder builder;
    try {
      builder = clientBuilder();
      message = message();
    } catch (NgsInvalidMessageException | IllegalArgumentException e) {
      err.println("error: invalid input: " + e.getMessage());
      err.flush();
      return INVALID;
    }
    ObjectNode result = new ObjectMapper().createObjectNode();
    int exit = OK;
    try (NgsClient client = builder.build()) {
      client.start();
      CompletableFuture<NgsReport> report =
          waitReport ? client.awaitReport(message.serial()) : null;
      DeliverResult ack = client.sendAndWait(message);
      ObjectNode a = result.putObject("ack");
      a.put("result", ack.resultCode().name())
          .put("code", ack.resultCode().code())
          .put("serial", ack.serial())
          .put("to", ack.to())
          .put("attempts", ack.attempts())
          .put("latencyMs", ack.latency().toMillis());
      if (!json) {
        out.printf(
            "ACK %s (%d) serial=%s to=%s attempts=%d latency=%dms%n",
            ack.resultCode(),
            ack.resultCode().code(),
            ack.serial(),
            ack.to(),
            ack.attempts(),
            ack.latency().toMillis());
        out.flush();
      }
      if (report != null) {
        NgsReport r = report.get(reportTimeout, TimeUnit.SECONDS);
        ObjectNode o = result.putObject("report");
        o.put("result", r.resultCode().name())
            .put("code", r.report().result())
            .put("delivered", r.delivered())
            .put("serial", r.serial())
            .put("gwSerial", r.gwSerial())
            .put("to", r.to())
            .put("telco", r.report().telco().name())
            .put("message", r.report().message().toWire())
            .put("sendTime", r.report().sendTimeValue().map(Object::toString).orElse(null))
            .put("duplicate", r.duplicate());
        if (!json) {
          out.printf(
              "REPORT %s (%d) serial=%s gwserial=%s telco=%s sendtime=%s flags=%s%s%n",
              r.resultCode(),
              r.report().result(),
              r.serial(),
              r.gwSerial(),
              r.report().telco(),
              r.report().sendTimeValue().map(Object::toString).orElse("-"),
              r.report().message().toWire().isEmpty() ? "-" : r.report().message().toWire(),
              r.duplicate() ? " (duplicate)" : "");
        }
        if (!r.delivered()) {
          err.println("error: not delivered: " + r.resultCode() + " " + r.resultCode().meaning());
          exit = REFUSED;
        }
      }
    } catch (NgsRejectedException e) {
      result
          .putObject("ack")
          .put("result", e.resultCode().name())
          .put("code", e.ack().result())
          .put("serial", e.ack().serial())
          .put("attempts", e.attempts());
      err.println("error: refused: " + e.getMessage());
      exit = REFUSED;
    } catch (NgsInvalidMessageException e) {
      err.println("error: invalid input: " + e.getMessage());
      exit = INVALID;
    } catch (NgsConnectionException e) { // NgsAuthenticationException included
      dev.ngsign.cli.ErrorReport.print(spec, e, "cert server " + cert + " as " + id);
      exit = CONNECTION;
    } catch (TimeoutException e) {
      err.println("error: no REPORT within " + reportTimeout + " s");
      exit = CONNECTION;
    } catch (ExecutionException e) {
      err.println("error: " + e.getCause().getMessage());
      exit = CONNECTION;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = CONNECTION;
    } catch (NgsException e) {
      err.println("error: " + e.getMessage());
      exit = CONNECTION;
    }
    if (json) {
      result.put("exit", exit);
      out.println(result.toPrettyString());
    }
    out.flush();
    err.flush();
    return exit;
  }

  /**
   * The SDK logs at INFO; a one-shot command prints its own result, so only errors unless
   * --verbose.
   */
  static void quietUnlessVerbose(boolean verbose) {
    if (!verbose
        && org.slf4j.LoggerFactory.getLogger("dev.ngsign.ngs.client")
            instanceof ch.qos.logback.classic.Logger l) {
      l.setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }

  private NgsClientBuilder clientBuilder() {
    int colon = cert.lastIndexOf(':');
    if (colon <= 0) {
      throw new ParameterException(
          spec.commandLine(), "--cert must be HOST:PORT, not '" + cert + "'");
    }
    int port;
    try {
      port = Integer.parseInt(cert.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ParameterException(
          spec.commandLine(), "--cert must be HOST:PORT, not '" + cert + "'");
    }
    return NgsClient.builder()
        .certServer(cert.substring(0, colon), port)
        .account(id, password)
        .encrypted(encrypt)
        .senderCode(senderCode)
        .retryPolicy(RetryPolicy.defaultPolicy())
        .closeTimeout(Duration.ofSeconds(5));
  }

  NgsMessage message() {
    String t = text == null ? "" : text;
    switch (type) {
      case "S" -> {
        return common(Sms.builder()).text(t).build();
      }
      case "L" -> {
        Lms.Builder b = common(Lms.builder()).text(t);
        if (subject != null) {
          b.subject(subject);
        }
        return b.build();
      }
      case "M" -> {
        Mms.Builder b = common(Mms.builder());
        if (subject != null) {
          b.subject(subject);
        }
        if (!t.isEmpty()) {
          b.text(t);
        }
        images.forEach(b::image);
        return b.build();
      }
      case "A", "a" -> {
        AlimTalk.Builder b = kakao(AlimTalk.builder());
        if (template != null) {
          b.template(template);
        }
        if (images.size() > 1) {
          throw new IllegalArgumentException("AlimTalk takes at most one --image");
        }
        images.forEach(b::image);
        return b.build();
      }
      case "F", "f", "W" -> {
        FriendTalk.Builder b = kakao(FriendTalk.builder());
        if (type.equals("F") && !images.isEmpty()) {
          throw new IllegalArgumentException(
              "--type F takes no image: use f (image) or W (wide image)");
        }
        if (!type.equals("F")) {
          if (images.size() != 1) {
            throw new IllegalArgumentException("--type " + type + " needs exactly one --image");
          }
          if (type.equals("f")) {
            b.image(images.get(0));
          } else {
            b.wideImage(images.get(0));
          }
        }
        return b.build();
      }
      case "s", "l", "m" -> {
        return international(t);
      }
      default ->
          throw new IllegalArgumentException(
              "--type must be one of S L M A a F f W s l m, not '" + type + "'");
    }
  }

  /**
   * International SMS/LMS/MMS: the SDK's builders cover the domestic types, so the DELIVER is built
   * as the spec lays it out (NAT_CODE extension; LMS/MMS subject in TEXT and the body as an
   * attachment) and checked by the same content rules when the client sends it.
   */
  private NgsMessage international(String t) {
    if (natCode == null || natCode.isBlank()) {
      throw new IllegalArgumentException(
          "--type " + type + " (international) needs --nat-code, the country calling code, e.g. 1");
    }
    MessageType mt = MessageType.fromCode(type);
    String all = t + (subject == null ? "" : subject);
    ContentEncoding enc =
        ContentEncoding.MS949.charset().newEncoder().canEncode(all)
            ? ContentEncoding.MS949
            : ContentEncoding.UTF_8;
    Deliver.Builder b =
        Deliver.builder(mt)
            .daAddr(to)
            .callback(from)
            .encoding(enc)
            .senderCode(senderCode)
            .serial(serial != null ? serial : "intl" + Long.toString(System.nanoTime(), 36))
            .extension(new Extension.NationCode(natCode.trim()));
    if (mt == MessageType.INTL_SMS) {
      b.text(t);
    } else {
      b.text(subject == null ? "" : subject);
      if (!t.isEmpty()) {
        b.addMedia(Media.text(MediaType.BODY_TEXT, enc, t));
      }
    }
    if (mt != MessageType.INTL_MMS && !images.isEmpty()) {
      throw new IllegalArgumentException("--type " + type + " takes no image: use m");
    }
    for (Path image : images) {
      String name = image.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      MediaType kind = name.endsWith(".png") ? MediaType.PNG : MediaType.JPG;
      try {
        b.addMedia(
            Media.wrap(kind, ContentEncoding.BINARY, java.nio.file.Files.readAllBytes(image)));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("--image " + image + ": " + e.getMessage(), e);
      }
    }
    return NgsMessage.of(b.build());
  }

  private <B extends dev.ngsign.ngs.client.MessageBuilder<B>> B common(B b) {
    b.to(to).from(from);
    if (serial != null) {
      b.serial(serial);
    }
    return b;
  }

  private <B extends KakaoMessageBuilder<B>> B kakao(B b) {
    common(b);
    if (senderKey != null) {
      b.senderKey(senderKey);
    }
    if (text != null) {
      b.text(text);
    }
    if (subject != null) {
      b.fallbackTitle(subject);
    }
    if (extrasJson != null) {
      b.extrasJson(extrasJson);
    }
    if (failover != null) {
      Failover f = Failover.fromCode(failover);
      if (f == null) {
        throw new IllegalArgumentException("--failover must be 0, 1, 2 or 3, not " + failover);
      }
      b.failover(f);
      if ((f == Failover.REPLACE || f == Failover.REPLACE_MMS)
          && fallbackText == null
          && text != null) {
        b.fallbackText(text);
      }
    }
    if (fallbackText != null) {
      b.fallbackText(fallbackText);
    }
    return b;
  }
}
