package dev.ngsign.ngs.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One button of an AlimTalk/FriendTalk (the extras JSON's {@code button} list, at most 5). Use the
 * factories; fields a type does not need are left out of the JSON.
 *
 * @param name label shown on the button
 * @param type WL web link, AL app link, DS delivery search, BK bot keyword, MD message delivery, BC
 *     consult talk, BT bot transfer, AC add channel
 * @param urlMobile mobile web URL, or null
 * @param urlPc PC web URL, or null
 * @param schemeAndroid Android app scheme, or null
 * @param schemeIos iOS app scheme, or null
 */
public record KakaoButton(
    String name,
    String type,
    @Nullable String urlMobile,
    @Nullable String urlPc,
    @Nullable String schemeAndroid,
    @Nullable String schemeIos) {
  public KakaoButton {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** WL: opens {@code urlMobile} (required) or {@code urlPc} (may be null). */
  public static KakaoButton webLink(String name, String urlMobile, @Nullable String urlPc) {
    return new KakaoButton(
        name, "WL", Objects.requireNonNull(urlMobile, "urlMobile"), urlPc, null, null);
  }

  /** AL: opens an app (give at least two of the four links, as Kakao requires). */
  public static KakaoButton appLink(
      String name,
      @Nullable String schemeAndroid,
      @Nullable String schemeIos,
      @Nullable String urlMobile) {
    return new KakaoButton(name, "AL", urlMobile, null, schemeAndroid, schemeIos);
  }

  /** DS: delivery tracking. */
  public static KakaoButton deliverySearch(String name) {
    return new KakaoButton(name, "DS", null, null, null, null);
  }

  /** BK: sends the button's name as a keyword to the chatbot. */
  public static KakaoButton botKeyword(String name) {
    return new KakaoButton(name, "BK", null, null, null, null);
  }

  /** MD: forwards the message to the consultation talk. */
  public static KakaoButton messageDelivery(String name) {
    return new KakaoButton(name, "MD", null, null, null, null);
  }

  /** AC: adds the channel. */
  public static KakaoButton addChannel(String name) {
    return new KakaoButton(name, "AC", null, null, null, null);
  }

  Map<String, String> fields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("type", type);
    m.put("url_mobile", urlMobile);
    m.put("url_pc", urlPc);
    m.put("scheme_android", schemeAndroid);
    m.put("scheme_ios", schemeIos);
    return m;
  }
}
