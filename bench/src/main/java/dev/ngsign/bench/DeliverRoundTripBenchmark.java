package dev.ngsign.bench;

import dev.ngsign.ngs.protocol.codec.PacketCodec;
import dev.ngsign.ngs.protocol.crypto.BodyCipher;
import dev.ngsign.ngs.protocol.crypto.NgsKey;
import dev.ngsign.ngs.protocol.packet.ContentEncoding;
import dev.ngsign.ngs.protocol.packet.Deliver;
import dev.ngsign.ngs.protocol.packet.MessageType;
import dev.ngsign.ngs.protocol.packet.NgsPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The codec's SMS DELIVER round trip beside the work no codec can avoid, in one run, so that their
 * ratio depends less on what else the machine is doing.
 *
 * <p>The message is the spec's SMS example (section 4.3: Korean text in MS949, 221-byte body). The
 * irreducible work ({@code irreducible*}) is that round trip written out by hand for this one
 * message with plain JDK calls and no checks: each field copied into a reused 221-byte array and
 * NUL-padded, the text through a reused MS949 encoder, then every field read back as a String
 * (ASCII fields up to their first NUL, the text through a reused MS949 decoder); encrypted, the
 * body also goes through AES-256-CBC with a zero IV both ways on {@link Cipher}s initialised once,
 * its PKCS#5 padding written and checked by hand (the JDK's PKCS5Padding copies the body into a
 * padded array and back). The codec ({@code codec*}) does the same through {@link PacketCodec},
 * from a {@link Deliver} to a new {@link Deliver} on a pooled buffer, header included, as a session
 * does. Setup checks that both write the same bytes and read back the same values.
 *
 * <p>The machine this is measured on is often shared, and ops/s of benchmarks run one after the
 * other then say more about the load than about the code. So {@link #interleaved} also runs the
 * four in turn, a small batch each, and sums the benchmark thread's CPU time per kind ({@link
 * CpuSplit}): their ratio is the figure to quote.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.ngsign.bench.DeliverRoundTripBenchmark [JMH
 * options]} runs all five with {@link CpuTimeProfiler} and prints codec ÷ irreducible: by ops/s, by
 * CPU time per operation (benchmark thread, whole JVM) and from the interleaved run; {@code java
 * -jar bench/target/benchmarks.jar DeliverRoundTripBenchmark} runs them as any JMH benchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(1)
public class DeliverRoundTripBenchmark {
  static final Charset MS949 = ContentEncoding.MS949.charset();
  static final int BODY = 221;

  // the spec's SMS example, field by field (section 4.3)
  static final String MSGTYPE = "S";
  static final String DA_ADDR = "01020001234";
  static final String CALLBACK = "15880000";
  static final String ENCODING = "0";
  static final String TEXT = "SMS 테스트 발송 입니다.";
  static final String SERIAL = "202112310012345";
  static final String SENDER_CODE = "101280092";
  static final String MEDIACNT = "0";
  static final String EXT_SIZE = "0";

  /**
   * Field offsets and sizes in the body: MSGTYPE 2, DA_ADDR 20, CALLBACK 20, ENCODING 2, TEXT 141,
   * ...
   */
  static final int[] OFFSET = {0, 2, 22, 42, 44, 185, 205, 215, 217};

  static final int[] SIZE = {2, 20, 20, 2, 141, 20, 10, 2, 4};
  static final int TEXT_FIELD = 4;

  /** The spec's key for its encrypted example (section 5.3, offset 12). */
  static final String KEY = "31a8b1b3f3618da796271c9aa293b3f8";

  private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private Deliver sms;
  private BodyCipher codecCipher;
  private ByteBuf frame;

  /** The body and, for the encrypted case, its PKCS#5 padding (3 bytes of 3). */
  private final byte[] body = new byte[BodyCipher.cipherLength(BODY)];

  private final byte[] cipherText = new byte[BodyCipher.cipherLength(BODY)];
  private final byte[] decrypted = new byte[BodyCipher.cipherLength(BODY)];
  private final String[] fields = {
    MSGTYPE, DA_ADDR, CALLBACK, ENCODING, TEXT, SERIAL, SENDER_CODE, MEDIACNT, EXT_SIZE
  };
  private final char[] textChars = new char[SIZE[TEXT_FIELD]];
  private final CharBuffer chars = CharBuffer.allocate(SIZE[TEXT_FIELD]);
  private CharsetEncoder encoder;
  private java.nio.charset.CharsetDecoder decoder;
  private Cipher encryptor;
  private Cipher decryptor;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    sms =
        Deliver.builder(MessageType.SMS)
            .daAddr(DA_ADDR)
            .callback(CALLBACK)
            .encoding(ContentEncoding.MS949)
            .text(TEXT)
            .serial(SERIAL)
            .senderCode(SENDER_CODE)
            .build();
    codecCipher = NgsKey.ofKeyString(KEY).bodyCipher();
    frame = alloc.heapBuffer(1024);
    encoder = MS949.newEncoder();
    decoder = MS949.newDecoder();
    SecretKeySpec key = new SecretKeySpec(KEY.getBytes(StandardCharsets.US_ASCII), "AES");
    IvParameterSpec iv = new IvParameterSpec(new byte[16]);
    encryptor = Cipher.getInstance("AES/CBC/NoPadding");
    encryptor.init(Cipher.ENCRYPT_MODE, key, iv);
    decryptor = Cipher.getInstance("AES/CBC/NoPadding");
    decryptor.init(Cipher.DECRYPT_MODE, key, iv);
    checkSameWork();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    frame.release();
  }

  // ---- the codec, as a session uses it ----

  private NgsPacket codecRoundTrip(BodyCipher c) {
    frame.clear();
    PacketCodec.encode(sms, frame, c);
    frame.skipBytes(14); // the frame decoder has read the header
    return PacketCodec.decodeBody(sms.type(), frame, c);
  }

  @Benchmark
  public NgsPacket codecPlain() {
    return codecRoundTrip(null);
  }

  @Benchmark
  public NgsPacket codecEncrypted() {
    return codecRoundTrip(codecCipher);
  }

  // ---- the irreducible work: the same work by hand, for this one message ----

  private void fill() {
    byte[] b = body;
    for (int f = 0; f < fields.length; f++) {
      int off = OFFSET[f];
      int end = off + SIZE[f];
      int n;
      if (f == TEXT_FIELD) {
        // through a char[]: a CharBuffer over a String has no array, and the encoder's array loop
        // is faster
        String s = fields[f];
        s.getChars(0, s.length(), textChars, 0);
        encoder.reset();
        ByteBuffer dst = ByteBuffer.wrap(b, off, SIZE[f]);
        CoderResult r = encoder.encode(CharBuffer.wrap(textChars, 0, s.length()), dst, true);
        if (!r.isUnderflow()) {
          throw new IllegalStateException(r.toString());
        }
        n = dst.position() - off;
      } else {
        String s = fields[f];
        n = s.length();
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) s.charAt(i);
        }
      }
      Arrays.fill(b, off + n, end, (byte) 0);
    }
  }

  private void readBack(byte[] b, Blackhole bh) {
    for (int f = 0; f < fields.length; f++) {
      int off = OFFSET[f];
      int end = off + SIZE[f];
      int nul = off;
      while (nul < end && b[nul] != 0) {
        nul++;
      }
      if (f == TEXT_FIELD) {
        decoder.reset();
        chars.clear();
        CoderResult r = decoder.decode(ByteBuffer.wrap(b, off, nul - off), chars, true);
        if (!r.isUnderflow()) {
          throw new IllegalStateException(r.toString());
        }
        chars.flip();
        bh.consume(chars.toString());
      } else {
        bh.consume(new String(b, off, nul - off, StandardCharsets.ISO_8859_1));
      }
    }
  }

  @Benchmark
  public void irreduciblePlain(Blackhole bh) {
    fill();
    readBack(body, bh);
  }

  @Benchmark
  public void irreducibleEncrypted(Blackhole bh) throws GeneralSecurityException {
    fill();
    int pad = body.length - BODY;
    for (int i = BODY; i < body.length; i++) {
      body[i] = (byte) pad;
    }
    int n = encryptor.doFinal(body, 0, body.length, cipherText, 0);
    n = decryptor.doFinal(cipherText, 0, n, decrypted, 0);
    int got = decrypted[n - 1];
    for (int i = n - got; i < n; i++) {
      if (decrypted[i] != got) {
        throw new IllegalStateException("bad padding");
      }
    }
    readBack(decrypted, bh);
  }

  // ---- the four side by side, in small alternating batches ----

  /** Round trips per kind and batch in {@link #interleaved}. */
  static final int BATCH = 100;

  /**
   * The CPU time of the benchmark thread spent on each kind in {@link #interleaved}, summed over an
   * iteration (JMH reports these per iteration). Their ratios are the figure to trust on a busy
   * machine: each kind runs for about a tenth of a millisecond at a time, turn about, so load, JIT
   * activity and clock changes fall on all four alike.
   */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class CpuSplit {
    public long codecPlainNs;
    public long irreduciblePlainNs;
    public long codecEncryptedNs;
    public long irreducibleEncryptedNs;
    public long roundTrips;

    @Setup(Level.Iteration)
    public void clear() {
      codecPlainNs = 0;
      irreduciblePlainNs = 0;
      codecEncryptedNs = 0;
      irreducibleEncryptedNs = 0;
      roundTrips = 0;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Benchmark
  @OperationsPerInvocation(4 * BATCH)
  public void interleaved(CpuSplit split, Blackhole bh) throws GeneralSecurityException {
    long t0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < BATCH; i++) {
      bh.consume(codecPlain());
    }
    long t1 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < BATCH; i++) {
      irreduciblePlain(bh);
    }
    long t2 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < BATCH; i++) {
      bh.consume(codecEncrypted());
    }
    long t3 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < BATCH; i++) {
      irreducibleEncrypted(bh);
    }
    long t4 = THREADS.getCurrentThreadCpuTime();
    split.codecPlainNs += t1 - t0;
    split.irreduciblePlainNs += t2 - t1;
    split.codecEncryptedNs += t3 - t2;
    split.irreducibleEncryptedNs += t4 - t3;
    split.roundTrips += BATCH;
  }

  // ---- both do the same work ----

  private void checkSameWork() throws GeneralSecurityException {
    fill();
    byte[] codecFrame = PacketCodec.toBytes(sms);
    if (!Arrays.equals(body, 0, BODY, codecFrame, 14, codecFrame.length)) {
      throw new IllegalStateException("the irreducible work's body differs from the codec's");
    }
    byte[] encrypted = PacketCodec.toBytes(sms, codecCipher);
    Arrays.fill(body, BODY, body.length, (byte) (body.length - BODY));
    int n = encryptor.doFinal(body, 0, body.length, cipherText, 0);
    if (!Arrays.equals(cipherText, 0, n, encrypted, 14, encrypted.length)) {
      throw new IllegalStateException("the irreducible work's ciphertext differs from the codec's");
    }
    String[] read = new String[fields.length];
    for (int f = 0; f < fields.length; f++) {
      int off = OFFSET[f];
      int nul = off;
      while (nul < off + SIZE[f] && body[nul] != 0) {
        nul++;
      }
      try {
        read[f] =
            f == TEXT_FIELD
                ? decoder.reset().decode(ByteBuffer.wrap(body, off, nul - off)).toString()
                : new String(body, off, nul - off, StandardCharsets.ISO_8859_1);
      } catch (CharacterCodingException e) {
        throw new IllegalStateException(e);
      }
    }
    if (!Arrays.equals(read, fields)
        || !codecRoundTrip(null).equals(sms)
        || !codecRoundTrip(codecCipher).equals(sms)) {
      throw new IllegalStateException("a round trip does not give the message back");
    }
  }

  /**
   * Runs the five benchmarks with {@link CpuTimeProfiler} (JMH options pass through) and prints the
   * codec's rate over the irreducible work's, by wall clock and by CPU time.
   */
  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .parent(new CommandLineOptions(args))
                    .include(DeliverRoundTripBenchmark.class.getName() + "\\.")
                    .addProfiler(CpuTimeProfiler.class)
                    .build())
            .run();
    Map<String, RunResult> byName = new HashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      byName.put(name.substring(name.lastIndexOf('.') + 1), r);
    }
    System.out.printf(
        "%n%-9s %14s %14s %6s %12s %12s %6s %12s %12s %6s%n",
        "",
        "codec ops/s",
        "irred. ops/s",
        "ratio",
        "codec cpu/op",
        "irred cpu/op",
        "ratio",
        "codec proc",
        "irred proc",
        "ratio");
    for (String kind : new String[] {"Plain", "Encrypted"}) {
      RunResult codec = byName.get("codec" + kind);
      RunResult irreducible = byName.get("irreducible" + kind);
      if (codec != null && irreducible != null) {
        double c = codec.getPrimaryResult().getScore();
        double i = irreducible.getPrimaryResult().getScore();
        double cc = cpu(codec, "cpu.ns/op");
        double ic = cpu(irreducible, "cpu.ns/op");
        double cp = cpu(codec, "cpu.process.ns/op");
        double ip = cpu(irreducible, "cpu.process.ns/op");
        System.out.printf(
            "%-9s %,14.0f %,14.0f %6.2f %9.0f ns %9.0f ns %6.2f %9.0f ns %9.0f ns %6.2f%n",
            kind, c, i, c / i, cc, ic, ic / cc, cp, ip, ip / cp);
      }
    }
    RunResult split = byName.get("interleaved");
    if (split != null) {
      double trips = cpu(split, "roundTrips");
      System.out.printf("%ninterleaved, benchmark thread CPU per round trip:%n");
      for (String kind : new String[] {"Plain", "Encrypted"}) {
        double c = cpu(split, "codec" + kind + "Ns") / trips;
        double i = cpu(split, "irreducible" + kind + "Ns") / trips;
        System.out.printf(
            "%-9s codec %7.0f ns  irreducible %7.0f ns  ratio %.2f%n", kind, c, i, i / c);
      }
    }
  }

  private static double cpu(RunResult r, String label) {
    Result<?> cpu = r.getSecondaryResults().get(label);
    return cpu == null ? Double.NaN : cpu.getScore();
  }
}
