package dev.ngsign.example;

import dev.ngsign.ngs.client.AlimTalk;
import dev.ngsign.ngs.client.DeliverResult;
import dev.ngsign.ngs.client.NgsClient;
import dev.ngsign.ngs.client.NgsConnectionException;
import dev.ngsign.ngs.client.NgsInvalidMessageException;
import dev.ngsign.ngs.client.NgsRejectedException;
import dev.ngsign.ngs.client.Sms;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** POST /sms and POST /alimtalk send through the auto-configured NgsClient; GET /reports/{serial} shows the stored report. */
@RestController
public class MessagesController {
  /** The request bodies. */
  public record SmsRequest(String to, String text) {}

  public record AlimTalkRequest(String to, String template, String text) {}

  /** The answer: the message's SERIAL and the gateway's DELIVER_ACK result. */
  public record Sent(String serial, String result) {}

  public record Refused(String result, String message) {}

  private final NgsClient ngs;
  private final StoredReports reports;
  private final String from;
  private final String senderKey;

  public MessagesController(NgsClient ngs, StoredReports reports, @Value("${example.from}") String from,
      @Value("${example.kakao-sender-key}") String senderKey) {
    this.ngs = ngs;
    this.reports = reports;
    this.from = from;
    this.senderKey = senderKey;
  }

  @PostMapping("/sms")
  public Mono<ResponseEntity<Object>> sms(@RequestBody SmsRequest req) {
    return send(() -> Sms.builder().to(req.to()).from(from).text(req.text()).build());
  }

  @PostMapping("/alimtalk")
  public Mono<ResponseEntity<Object>> alimTalk(@RequestBody AlimTalkRequest req) {
    return send(() -> AlimTalk.builder().to(req.to()).from(from).senderKey(senderKey).template(req.template())
        .text(req.text()).fallbackText(req.text()).build());
  }

  @GetMapping("/reports/{serial}")
  public ResponseEntity<StoredReports.StoredReport> report(@PathVariable String serial) {
    return ResponseEntity.of(reports.find(serial));
  }

  private Mono<ResponseEntity<Object>> send(java.util.function.Supplier<? extends dev.ngsign.ngs.client.NgsMessage> message) {
    return Mono.defer(() -> Mono.fromFuture(ngs.send(message.get())))
        .map(r -> ResponseEntity.ok((Object) new Sent(r.serial(), r.resultCode().name())))
        .onErrorResume(e -> Mono.just(refused(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)));
  }

  private static ResponseEntity<Object> refused(Throwable e) {
    if (e instanceof NgsRejectedException r) {
      return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(new Refused(r.resultCode().name(), r.getMessage()));
    }
    if (e instanceof NgsInvalidMessageException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      return ResponseEntity.badRequest().body(new Refused("INVALID", e.getMessage()));
    }
    if (e instanceof NgsConnectionException) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new Refused("UNAVAILABLE", e.getMessage()));
    }
    return ResponseEntity.internalServerError().body(new Refused("ERROR", e.getClass().getSimpleName()));
  }
}
