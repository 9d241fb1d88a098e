package dev.ngsign.ngs.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ngsign.ngs.protocol.ResultCode;
import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.crypto.BodyCipher;
import dev.ngsign.ngs.protocol.crypto.PasswordHash;
import dev.ngsign.ngs.protocol.packet.Bind;
import dev.ngsign.ngs.protocol.packet.BindAck;
import dev.ngsign.ngs.protocol.packet.Cert;
import dev.ngsign.ngs.protocol.packet.CertAck;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.DeliverAck;
import dev.ngsign.ngs.protocol.packet.Event;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import dev.ngsign.ngs.protocol.packet.NgsVersion;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.SessionMode;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking test client written against the spec, not the SDK: frames are 14-byte headers
 * (HeadType 4C, MsgLeng 10C) and bodies encoded by ngs-protocol's codec; raw bytes can be sent too.
 */
final class RawNgsClient implements AutoCloseable {
  static final String HOST = "127.0.0.1";
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private BodyCipher cipher;

  RawNgsClient(int port) {
    try {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(5_000);
      socket.connect(new InetSocketAddress(HOST, port), 2_000);
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The client's own port: the peer the gateway shows for this session. */
  int localPort() {
    return socket.getLocalPort();
  }

  static String pwd(String password, int keyPos) {
    return PasswordHash.of(password).pwdField(keyPos);
  }

  /**
   * How often a login whose connection the gateway closed with EVENT 1012 (no CERT/BIND within the
   * login window) is tried again. That answer means this test JVM lost the CPU between connect and
   * write — the gateway did what the spec says — so the tests that are not about the login window
   * ask again instead of failing on a busy machine.
   */
  private static final int LOGIN_WINDOW_ATTEMPTS = 5;

  static boolean loginWindowMissed(NgsPacket p) {
    return p instanceof Event e && e.data().startsWith(ResultCode.E_LOGIN_TIMEOUT.code() + " ");
  }

  /** Connects to the cert server, sends CERT and returns CERT_ACK. */
  static CertAck cert(int certPort, String id, String password, int keyPos) {
    for (int attempt = 1; ; attempt++) {
      try (RawNgsClient c = new RawNgsClient(certPort)) {
        c.send(new Cert(id, pwd(password, keyPos), NgsVersion.VERSION, keyPos));
        NgsPacket p = c.read();
        if (p instanceof CertAck ack) {
          return ack;
        }
        if (!loginWindowMissed(p) || attempt == LOGIN_WINDOW_ATTEMPTS) {
          throw new AssertionError("CERT answered with " + p);
        }
      }
    }
  }

  /** Sends BIND and returns BIND_ACK; an encrypted session switches to AES bodies on success. */
  BindAck bind(
      String id, String password, String certKey, SessionMode mode, SessionKind kind, int keyPos) {
    send(new Bind(id, pwd(password, keyPos), certKey, mode, kind, NgsVersion.VERSION, keyPos));
    NgsPacket p = read();
    if (!(p instanceof BindAck ack)) {
      throw new LoginWindowMissed("BIND answered with " + p, loginWindowMissed(p));
    }
    if (ack.isOk() && mode == SessionMode.ENCRYPTED) {
      cipher = PasswordHash.of(password).key(keyPos).bodyCipher();
    }
    return ack;
  }

  /** CERT then BIND of {@code kind}; asserts nothing, returns the bound client. */
  static RawNgsClient login(
      GatewayPorts ports, String id, String password, SessionMode mode, SessionKind kind) {
    for (int attempt = 1; ; attempt++) {
      CertAck ca = cert(ports.certPort(), id, password, 12);
      if (!ca.isOk()) {
        throw new IllegalStateException("CERT failed: " + ca);
      }
      RawNgsClient c =
          new RawNgsClient(kind == SessionKind.DELIVER ? ports.deliverPort() : ports.reportPort());
      BindAck ba;
      try {
        ba = c.bind(id, password, ca.certKey(), mode, kind, 12);
      } catch (LoginWindowMissed e) {
        c.close();
        if (!e.windowMissed || attempt == LOGIN_WINDOW_ATTEMPTS) {
          throw e;
        }
        continue;
      }
      if (!ba.isOk()) {
        c.close();
        throw new IllegalStateException("BIND failed: " + ba);
      }
      return c;
    }
  }

  /** A BIND answered with something else than BIND_ACK. */
  static final class LoginWindowMissed extends AssertionError {
    final boolean windowMissed;

    LoginWindowMissed(String message, boolean windowMissed) {
      super(message);
      this.windowMissed = windowMissed;
    }
  }

  /** Sends a DELIVER and asserts that its DELIVER_ACK is E_OK. */
  void deliverOk(Deliver d) {
    send(d);
    DeliverAck ack = (DeliverAck) read();
    assertThat(ack.result()).as("DELIVER_ACK of " + d.serial()).isZero();
  }

  void send(NgsPacket p) {
    sendRaw(PacketCodec.toBytes(p, cipher));
  }

  void sendRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one packet; throws on EOF or after the 5 s socket timeout. */
  NgsPacket read() {
    try {
      byte[] header = new byte[14];
      in.readFully(header);
      int len = Integer.parseInt(field(header, 4, 10));
      byte[] frame = new byte[14 + len];
      System.arraycopy(header, 0, frame, 0, 14);
      in.readFully(frame, 14, len);
      return PacketCodec.fromBytes(frame, cipher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String field(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.US_ASCII);
  }

  /**
   * Reads packets until the server closes the connection; returns them. Fails after the timeout.
   */
  List<NgsPacket> readUntilClosed() {
    List<NgsPacket> got = new ArrayList<>();
    while (true) {
      try {
        got.add(read());
      } catch (UncheckedIOException e) {
        if (e.getCause() instanceof EOFException
            || e.getCause() instanceof java.net.SocketException) {
          return got;
        }
        if (e.getCause() instanceof SocketTimeoutException) {
          throw new AssertionError("server did not close the connection; got " + got, e);
        }
        throw e;
      }
    }
  }

  /**
   * Reads until the server closes, or returns after the first DELIVER_ACK / LINK_ACK (the session
   * lives on).
   */
  List<NgsPacket> readUntilClosedOrAck() {
    List<NgsPacket> got = new ArrayList<>();
    while (true) {
      try {
        NgsPacket p = read();
        got.add(p);
        if (p instanceof dev.ngsign.ngs.protocol.packet.DeliverAck
            || p instanceof dev.ngsign.ngs.protocol.packet.LinkAck) {
          return got;
        }
      } catch (UncheckedIOException e) {
        if (e.getCause() instanceof EOFException
            || e.getCause() instanceof java.net.SocketException) {
          return got;
        }
        throw new AssertionError("neither answered nor closed; got " + got, e);
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }
}
