import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.BreakIterator;
import java.text.Collator;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.text.Normalizer;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.CRC32;

/** In-memory bytes and text: digests, checksums, encodings, buffers and java.text formats. */
public class BytesAndText {

  public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
    byte[] data = "The quick brown fox".getBytes(StandardCharsets.UTF_8);
    HexFormat hex = HexFormat.of();
    System.out.println("SHA-256 " + hex.formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    System.out.println("MD5 " + hex.formatHex(MessageDigest.getInstance("MD5").digest(data)));
    CRC32 crc = new CRC32();
    crc.update(data);
    System.out.println("CRC32 " + Long.toHexString(crc.getValue()));
    System.out.println("base64 " + Base64.getEncoder().encodeToString(data) + ", url "
        + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {(byte) 0xfb, -1})
        + ", decoded " + new String(Base64.getDecoder().decode("aGVsbG8="), StandardCharsets.UTF_8));
    System.out.println("UUID " + UUID.nameUUIDFromBytes(data) + ", version "
        + UUID.fromString("123e4567-e89b-12d3-a456-426614174000").version());
    System.out.println("hex " + hex.withUpperCase().withDelimiter(":").formatHex(new byte[] {1, 2,
        (byte) 0xab}) + " parsed " + hex.parseHex("cafe").length);

    String accented = "Caf\u00e9";
    System.out.println("UTF-8 " + accented.getBytes(StandardCharsets.UTF_8).length + " bytes, "
        + "ISO-8859-1 " + accented.getBytes(StandardCharsets.ISO_8859_1).length + " bytes, "
        + "UTF-16BE " + Charset.forName("UTF-16BE").encode(accented).remaining() + " bytes, "
        + "decoded back " + new String(new byte[] {(byte) 0xc3, (byte) 0xa9},
            StandardCharsets.UTF_8).equals("\u00e9"));
    System.out.println("accented text printed as is: " + accented + " \u20ac \u00fc");
    System.out.println("NFC of e + combining acute: "
        + Normalizer.normalize("e\u0301", Normalizer.Form.NFC).length() + " char(s)");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(258);
      out.writeUTF("hi");
      out.writeDouble(1.5);
      out.writeLong(-1);
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    System.out.println("data stream " + bytes.size() + " bytes: " + in.readInt() + " "
        + in.readUTF() + " " + in.readDouble() + " " + in.readLong());
    ByteBuffer buffer = ByteBuffer.allocate(8).putInt(0xCAFEBABE).putShort((short) 7);
    buffer.flip();
    System.out.println("buffer " + Integer.toHexString(buffer.getInt()) + " " + buffer.getShort()
        + ", remaining " + buffer.remaining() + ", order " + buffer.order());
    BitSet bits = new BitSet();
    bits.set(1);
    bits.set(5, 8);
    System.out.println("bits " + bits + " cardinality " + bits.cardinality() + " next clear "
        + bits.nextClearBit(5));

    DecimalFormat decimal = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(
        Locale.ROOT));
    System.out.println("DecimalFormat " + decimal.format(1234567.891) + " " + decimal.format(-0.5));
    System.out.println("NumberFormat " + NumberFormat.getCurrencyInstance(Locale.US).format(1234.5)
        + " " + NumberFormat.getPercentInstance(Locale.US).format(0.256) + " "
        + NumberFormat.getCompactNumberInstance(Locale.US, NumberFormat.Style.SHORT)
            .format(1_500_000) + " " + NumberFormat.getCurrencyInstance(Locale.FRANCE).format(9.99));
    System.out.println(new MessageFormat("{0} has {1,number,integer} items, {2,choice,0#no files"
        + "|1#one file|1<{2,number,integer} files}", Locale.ROOT).format(new Object[] {"cart",
            1234, 3}));
    System.out.println("currency " + Currency.getInstance("EUR").getSymbol(Locale.FRANCE) + " "
        + Currency.getInstance(Locale.JAPAN).getCurrencyCode() + " digits "
        + Currency.getInstance(Locale.JAPAN).getDefaultFractionDigits());
    Collator collator = Collator.getInstance(Locale.ENGLISH);
    List<String> words = new ArrayList<>(List.of("peach", "P\u00e9ch\u00e9", "apple", "Apple",
        "banana"));
    words.sort(collator);
    System.out.println("collated " + words);
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    String text = "One sentence. Another one? Yes! Done.";
    sentences.setText(text);
    List<String> parts = new ArrayList<>();
    for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE;
        start = end, end = sentences.next()) {
      parts.add(text.substring(start, end).strip());
    }
    System.out.println("sentences " + parts);
    System.out.println("locale names: " + Locale.forLanguageTag("de-CH").getDisplayName(
        Locale.ENGLISH) + ", " + Locale.JAPAN.getDisplayLanguage(Locale.FRENCH));

    Properties properties = new Properties();
    properties.load(new StringReader("name=rexec\nsize = 3\n# comment\nempty=\n"));
    System.out.println("properties " + new TreeMap<>(properties));
    BufferedReader lines = new BufferedReader(new StringReader("first\nsecond\n"));
    System.out.println("reader " + lines.readLine() + "," + lines.readLine() + ","
        + lines.readLine());
  }
}
