package cn.keywork.supervision.evidence;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Files for evidence tests, built in code: photos with a hand-made EXIF segment, a hostile PNG, a PDF, an executable. */
public final class Samples {

    private Samples() {
    }

    /** A JPEG of {@code width} × {@code height}, with EXIF capture time ({@code yyyy:MM:dd HH:mm:ss}) and GPS if given. */
    public static byte[] photo(int width, int height, String takenAt, Double latitude, Double longitude, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(seed * 40 % 256, 120, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jpeg = out.toByteArray();
        if (takenAt == null && latitude == null) {
            return jpeg;
        }
        byte[] app1 = app1(takenAt, latitude, longitude);
        byte[] result = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, result, 0, 2);
        System.arraycopy(app1, 0, result, 2, app1.length);
        System.arraycopy(jpeg, 2, result, 2 + app1.length, jpeg.length - 2);
        return result;
    }

    /** An APP1 "Exif" segment: IFD0 pointing at an Exif IFD (DateTimeOriginal) and a GPS IFD. */
    private static byte[] app1(String takenAt, Double latitude, Double longitude) {
        ByteBuffer tiff = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        // IFD0 at 8: two pointers
        tiff.putShort((short) 2);
        entry(tiff, 0x8769, 4, 1, 38);
        entry(tiff, 0x8825, 4, 1, 76);
        tiff.putInt(0);
        // Exif IFD at 38
        tiff.putShort((short) 1);
        entry(tiff, 0x9003, 2, 20, 56);
        tiff.putInt(0);
        // DateTimeOriginal at 56
        byte[] date = new byte[20];
        if (takenAt != null) {
            System.arraycopy(takenAt.getBytes(StandardCharsets.US_ASCII), 0, date, 0, 19);
        }
        tiff.put(date);
        // GPS IFD at 76
        double lat = latitude == null ? 0 : latitude;
        double lon = longitude == null ? 0 : longitude;
        tiff.putShort((short) 4);
        entry(tiff, 1, 2, 2, lat >= 0 ? 'N' : 'S');
        entry(tiff, 2, 5, 3, 130);
        entry(tiff, 3, 2, 2, lon >= 0 ? 'E' : 'W');
        entry(tiff, 4, 5, 3, 154);
        tiff.putInt(0);
        rational(tiff, Math.abs(lat));
        rational(tiff, Math.abs(lon));
        byte[] body = new byte[tiff.position()];
        tiff.flip();
        tiff.get(body);
        if (takenAt == null) {
            // no capture time: blank the DateTimeOriginal tag's id so that no date is found
            body[40] = 0x0e;
            body[41] = 0x01;
        }
        ByteBuffer segment = ByteBuffer.allocate(4 + 6 + body.length).order(ByteOrder.BIG_ENDIAN);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + body.length));
        segment.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).put(body);
        return segment.array();
    }

    private static void entry(ByteBuffer tiff, int tag, int type, int count, int value) {
        tiff.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    private static void rational(ByteBuffer tiff, double degrees) {
        int d = (int) degrees;
        double minutes = (degrees - d) * 60;
        int m = (int) minutes;
        long s = Math.round((minutes - m) * 60 * 10000);
        tiff.putInt(d).putInt(1).putInt(m).putInt(1).putInt((int) s).putInt(10000);
    }

    /** A PNG whose header declares {@code width} × {@code height} pixels but whose data is one byte. */
    public static byte[] pngDeclaring(int width, int height) {
        ByteBuffer png = ByteBuffer.allocate(8 + 25 + 13 + 12).order(ByteOrder.BIG_ENDIAN);
        png.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IDAT", new byte[] { 0 });
        chunk(png, "IEND", new byte[0]);
        return java.util.Arrays.copyOf(png.array(), png.position());
    }

    private static void chunk(ByteBuffer png, String type, byte[] data) {
        png.putInt(data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        png.put(name).put(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.putInt((int) crc.getValue());
    }

    public static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\n"
                + "endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The start of a Linux executable. */
    public static byte[] executable() {
        byte[] elf = new byte[512];
        byte[] head = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0 };
        System.arraycopy(head, 0, elf, 0, head.length);
        elf[16] = 2;
        elf[18] = 0x3e;
        return elf;
    }
}
