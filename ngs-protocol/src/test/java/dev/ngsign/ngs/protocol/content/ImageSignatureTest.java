package dev.ngsign.ngs.protocol.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Failover;
import dev.ngsign.ngs.protocol.packet.Media;
import dev.ngsign.ngs.protocol.packet.MediaType;
import dev.ngsign.ngs.protocol.packet.MessageType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Image type and size from real JPEG/PNG files written by the JDK's ImageIO. */
class ImageSignatureTest {

  static byte[] image(String format, int w, int h) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), format, out);
    return out.toByteArray();
  }

  @Test
  void readsTypeAndDimensionsOfRealImages() throws Exception {
    byte[] jpg = image("jpg", 320, 240);
    byte[] png = image("png", 800, 600);
    assertThat(ImageSignature.detect(ByteBuffer.wrap(jpg))).isEqualTo(MediaType.JPG);
    assertThat(ImageSignature.detect(ByteBuffer.wrap(png))).isEqualTo(MediaType.PNG);
    assertThat(ImageSignature.dimensions(ByteBuffer.wrap(jpg))).containsExactly(320, 240);
    assertThat(ImageSignature.dimensions(ByteBuffer.wrap(png))).containsExactly(800, 600);
    assertThat(ImageSignature.dimensions(ByteBuffer.wrap(new byte[] {1, 2, 3}))).isNull();
  }

  @Test
  void wideImageOver800By600IsRefused() throws Exception {
    Media body = Media.text(MediaType.BODY_TEXT, ContentEncoding.UTF_8, "t");
    Media ok = Media.wrap(MediaType.WIDE_PNG, ContentEncoding.BINARY, image("png", 800, 600));
    Media tall = Media.wrap(MediaType.WIDE_JPG, ContentEncoding.BINARY, image("jpg", 800, 601));
    assertThat(
            ContentRules.check(
                ContentRulesTest.kakao(MessageType.FRIENDTALK_WIDE, Failover.NONE, body, ok)))
        .isEmpty();
    assertThat(
            ContentRules.check(
                ContentRulesTest.kakao(MessageType.FRIENDTALK_WIDE, Failover.NONE, body, tall)))
        .extracting(ContentViolation::message, ContentViolation::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "FriendTalk wide image is 800 x 601 px; the limit is 800 x 600",
                ResultCode.E_MEDIA_SIZE));
  }
}
