package dev.ngsign.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ngsign.ngs.gateway.NgsGateway;
import dev.ngsign.ngs.gateway.TestNumbers;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.spring.boot.test.AutoConfigureNgsGateway;
import io.lettuce.core.resource.ClientResources;
import io.netty.util.Version;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The application on a random port, its NgsClient pointed at the in-process gateway by @AutoConfigureNgsGateway. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.health.redis.enabled=false") // no Redis server in the build; Lettuce is still loaded
@AutoConfigureNgsGateway
class ExampleApplicationTests {
  @Value("${local.server.port}") int port;
  @Autowired NgsGateway gateway;
  @Autowired ClientResources lettuceResources;
  WebTestClient http;

  @BeforeEach
  void client() {
    http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
  }

  @Test
  void reactorNettyLettuceAndNgsignShareBootsNetty41() {
    assertThat(Version.identify().get("netty-transport").artifactVersion()).startsWith("4.1.");
    assertThat(Version.identify().get("netty-codec").artifactVersion()).startsWith("4.1.");
    assertThat(lettuceResources.eventExecutorGroup().isShuttingDown()).isFalse(); // Lettuce's own Netty 4.1 loops
  }

  @Test
  void anSmsIsSentAndItsReportStored() throws Exception {
    Map<?, ?> sent = http.post().uri("/sms").bodyValue(Map.of("to", TestNumbers.DELIVERED_SK, "text", "주문이 접수되었습니다"))
        .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    assertThat(sent.get("result")).isEqualTo("E_OK");
    Deliver d = gateway.takeDeliver(Duration.ofSeconds(5));
    assertThat(d.serial()).isEqualTo(sent.get("serial"));
    assertThat(d.messageType()).isEqualTo(MessageType.SMS);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        http.get().uri("/reports/{s}", sent.get("serial")).exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.result").isEqualTo("E_OK").jsonPath("$.delivered").isEqualTo(true));
    http.get().uri("/actuator/metrics/ngs.client.sent").exchange().expectStatus().isOk() // the client's meters, in Boot's registry
        .expectBody().jsonPath("$.availableTags[?(@.tag == 'account')]").exists()
        .jsonPath("$.availableTags[?(@.tag == 'ngs_id')]").exists();
  }

  @Test
  void anAlimTalkIsSentAndAScriptedRefusalReachesTheCaller() throws Exception {
    Map<?, ?> sent = http.post().uri("/alimtalk")
        .bodyValue(Map.of("to", TestNumbers.DELIVERED_KT, "template", "ORDER_01", "text", "주문이 접수되었습니다"))
        .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    Deliver d = gateway.takeDeliver(Duration.ofSeconds(5));
    assertThat(d.serial()).isEqualTo(sent.get("serial"));
    assertThat(d.messageType()).isEqualTo(MessageType.ALIMTALK);

    gateway.scriptDeliverAcks("01055550002", ResultCode.E_INVALID_KAKAO);
    http.post().uri("/alimtalk").bodyValue(Map.of("to", "01055550002", "template", "ORDER_01", "text", "x"))
        .exchange().expectStatus().isEqualTo(502).expectBody().jsonPath("$.result").isEqualTo("E_INVALID_KAKAO");
  }

  @Test
  void actuatorShowsTheAccountUpWhileBound() {
    http.get().uri("/actuator/health/ngs").exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.details.account").isEqualTo("example");
    http.get().uri("/actuator/info").exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.ngsign.ngs.default.account").isEqualTo("example");
  }
}
