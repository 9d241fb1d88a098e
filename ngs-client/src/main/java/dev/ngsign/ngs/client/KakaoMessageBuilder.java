package dev.ngsign.ngs.client;

import dev.ngsign.ngs.client.internal.MessageSupport;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.KakaoInfo;
import dev.ngsign.ngs.protocol.packet.KakaoMethod;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What AlimTalk and FriendTalk builders share: sender key, text, extras (buttons), delivery method
 * and what happens when Kakao delivery fails (FAILOVER, fallback text and title).
 *
 * @param <B> the concrete builder
 */
public abstract class KakaoMessageBuilder<B extends KakaoMessageBuilder<B>>
    extends MessageBuilder<B> {
  String senderKey;
  String text;
  String extrasJson;
  final List<KakaoButton> buttons = new ArrayList<>(5);
  KakaoMethod method = KakaoMethod.PUSH;
  Failover failover;
  String fallbackText;
  String fallbackTitle = "";

  KakaoMessageBuilder() {}

  /** The Kakao sender profile key. Required. */
  public B senderKey(String senderKey) {
    this.senderKey = Objects.requireNonNull(senderKey, "senderKey");
    return self();
  }

  /** The message text (1,000 characters; 400 with an image, 76 with a wide image). Required. */
  public B text(String text) {
    this.text = Objects.requireNonNull(text, "text");
    return self();
  }

  /**
   * The extras JSON (MTYPE 13): {@code button}, {@code quick_reply}, {@code title}/{@code
   * subtitle}, {@code image}; see docs/kakao-extras.md. Checked against the schema at {@code
   * build()}. Not together with {@link #button}.
   */
  public B extrasJson(String json) {
    this.extrasJson = Objects.requireNonNull(json, "json");
    return self();
  }

  /** Adds a button (at most 5), written into the extras JSON. */
  public B button(KakaoButton button) {
    buttons.add(Objects.requireNonNull(button, "button"));
    return self();
  }

  /** How the relay hands the message to Kakao. Default {@link KakaoMethod#PUSH}. */
  public B method(KakaoMethod method) {
    this.method = Objects.requireNonNull(method, "method");
    return self();
  }

  /**
   * What to do when Kakao delivery fails. Default: {@link Failover#REPLACE} when a {@link
   * #fallbackText} is given, otherwise {@link Failover#NONE}.
   */
  public B failover(Failover failover) {
    this.failover = Objects.requireNonNull(failover, "failover");
    return self();
  }

  /** The SMS/LMS text sent instead when Kakao delivery fails (MTYPE 12, at most 2,000 bytes). */
  public B fallbackText(String text) {
    this.fallbackText = Objects.requireNonNull(text, "fallbackText");
    return self();
  }

  /** The LMS/MMS subject used when falling back (TITLE, at most 64 bytes). Default: none. */
  public B fallbackTitle(String title) {
    this.fallbackTitle = Objects.requireNonNull(title, "fallbackTitle");
    return self();
  }

  /** Assembles the DELIVER; {@code images} are added after the texts. */
  final Deliver kakaoDeliver(MessageType type, String templateCode, List<Media> images) {
    if (senderKey == null) {
      throw new NgsInvalidMessageException(
          "SENDERKEY: " + type + " needs the Kakao sender profile key: call senderKey(...)");
    }
    if (text == null || text.isEmpty()) {
      throw new NgsInvalidMessageException("MEDIA: " + type + " needs its text: call text(...)");
    }
    if (extrasJson != null && !buttons.isEmpty()) {
      throw new NgsInvalidMessageException(
          "MEDIA[json]: give either extrasJson(...) or button(...), not both");
    }
    Failover fo =
        failover != null ? failover : fallbackText != null ? Failover.REPLACE : Failover.NONE;
    ContentEncoding enc =
        encodingFor(text, fallbackTitle, fallbackText == null ? "" : fallbackText);
    Deliver.Builder b =
        base(type, enc).kakao(new KakaoInfo(senderKey, templateCode, method, fo, fallbackTitle));
    b.addMedia(MessageSupport.text(MediaType.BODY_TEXT, enc, text));
    if (fallbackText != null) {
      b.addMedia(MessageSupport.text(MediaType.FALLBACK_TEXT, enc, fallbackText));
    }
    String json = extrasJson;
    if (!buttons.isEmpty()) {
      List<Map<String, String>> list = new ArrayList<>();
      buttons.forEach(x -> list.add(x.fields()));
      json = MessageSupport.buttonsJson(list);
    }
    if (json != null) {
      b.addMedia(MessageSupport.text(MediaType.KAKAO_JSON, ContentEncoding.UTF_8, json));
    }
    images.forEach(b::addMedia);
    return b.build();
  }
}
