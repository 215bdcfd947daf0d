package cn.keywork.supervision.evidence.service;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.TimeZone;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.apache.tika.Tika;
import org.apache.tika.io.TikaInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.TooLarge;
import cn.keywork.supervision.domain.UnsupportedContent;
import cn.keywork.supervision.evidence.domain.FileFacts;

/**
 * Reads an uploaded file once it lies on disk: its type from its first bytes (Apache Tika's magic
 * numbers; the name and the declared type are never asked), its SHA-256, a photo's EXIF capture
 * time and GPS position (metadata-extractor), and for an image a thumbnail and a public copy
 * re-encoded from the pixels alone, so that no EXIF, XMP or GPS survives in it.
 * <p>
 * Decoding is bounded: the pixel size the header declares is checked against the limit before a
 * single pixel is decoded, and the image is decoded subsampled to the public copy's size, so
 * memory stays near that size whatever the photo's resolution. Everything here blocks: it runs on
 * the bounded decoding workers ({@link Decoding}), never on the event loop.
 */
public final class FileInspector {

    public static final Set<String> ACCEPTED = Set.of("image/jpeg", "image/png", "image/webp", "application/pdf");
    /** Longest side of the public copy, in pixels. */
    static final int PUBLIC_MAX_SIDE = 2048;
    static final int THUMBNAIL_WIDTH = 320;

    private static final Tika TIKA = new Tika();

    static {
        ImageIO.setUseCache(false);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(FileInspector.class.getClassLoader());
            ImageIO.scanForPlugins();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private final long maxFileSize;
    private final long maxPixels;
    private final ZoneId zone;

    public FileInspector(long maxFileSize, long maxPixels, ZoneId zone) {
        this.maxFileSize = maxFileSize;
        this.maxPixels = maxPixels;
        this.zone = zone;
    }

    public FileFacts inspect(Path file, String fileName, String caption) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw InvalidInput.of("file", InvalidInput.Reason.REQUIRED, DomainMessage.ATTACHMENT_EMPTY);
            }
            if (size > maxFileSize) {
                throw new TooLarge(DomainMessage.ATTACHMENT_TOO_LARGE, maxFileSize >> 20);
            }
            String type = detect(file);
            if (!ACCEPTED.contains(type)) {
                throw new UnsupportedContent(DomainMessage.ATTACHMENT_TYPE_REFUSED, type);
            }
            String sha256 = sha256(file);
            if (type.equals("application/pdf")) {
                return new FileFacts(file, fileName, caption, type, size, sha256, null, null, null, null, null, null, null);
            }
            return image(file, fileName, caption, type, size, sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The media type told by the content alone. */
    static String detect(Path file) throws IOException {
        try (InputStream in = TikaInputStream.get(Files.newInputStream(file))) {
            return TIKA.detect(in);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // the digest sees every byte read
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private FileFacts image(Path file, String fileName, String caption, String type, long size, String sha256)
            throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unreadable("no reader for " + type);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width;
                int height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw unreadable("the header could not be read");
                }
                if (width <= 0 || height <= 0) {
                    throw unreadable("no pixels");
                }
                if ((long) width * height > maxPixels) {
                    throw InvalidInput.of("file", InvalidInput.Reason.RANGE, DomainMessage.ATTACHMENT_TOO_MANY_PIXELS, width,
                            height, maxPixels);
                }
                Metadata metadata = metadata(file);
                Instant takenAt = takenAt(metadata);
                GeoLocation where = location(metadata);
                BufferedImage decoded = decode(reader, width, height);
                int publicWidth = Math.min(decoded.getWidth(), PUBLIC_MAX_SIDE * decoded.getWidth()
                        / Math.max(decoded.getWidth(), decoded.getHeight()));
                // Opaque RGB pixels already at the public size are encoded as decoded: a copy would double the memory.
                BufferedImage publicCopy = publicWidth == decoded.getWidth() && plainRgb(decoded) ? decoded
                        : scaled(decoded, publicWidth);
                BufferedImage thumbnail = scaled(publicCopy, Math.min(THUMBNAIL_WIDTH, publicCopy.getWidth()));
                return new FileFacts(file, fileName, caption, type, size, sha256, takenAt,
                        where == null ? null : where.getLatitude(), where == null ? null : where.getLongitude(), width, height,
                        jpeg(thumbnail, 0.8f), jpeg(publicCopy, 0.85f));
            } finally {
                reader.dispose();
            }
        }
    }

    /** Decoded at most to the public copy's size: the reader skips the rows and columns not needed. */
    private static BufferedImage decode(ImageReader reader, int width, int height) {
        int step = (int) Math.ceil(Math.max(width, height) / (double) PUBLIC_MAX_SIDE);
        ImageReadParam param = reader.getDefaultReadParam();
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        try {
            return reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw unreadable("the pixels could not be decoded");
        }
    }

    private static boolean plainRgb(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_3BYTE_BGR || image.getType() == BufferedImage.TYPE_INT_RGB;
    }

    /** An RGB copy {@code width} wide, transparency laid on white. */
    private static BufferedImage scaled(BufferedImage source, int width) {
        int w = Math.max(1, width);
        int h = Math.max(1, (int) Math.round((double) source.getHeight() * w / source.getWidth()));
        BufferedImage target = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** Pixels only: the JPEG writer is given no metadata, so none is written besides the bare JFIF header. */
    static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static Metadata metadata(Path file) {
        try {
            return ImageMetadataReader.readMetadata(file.toFile());
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return new Metadata();
        }
    }

    private Instant takenAt(Metadata metadata) {
        TimeZone local = TimeZone.getTimeZone(zone);
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        Date taken = exif == null ? null : exif.getDateOriginal(local);
        if (taken == null) {
            ExifIFD0Directory main = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            taken = main == null ? null : main.getDate(ExifIFD0Directory.TAG_DATETIME, local);
        }
        return taken == null ? null : taken.toInstant();
    }

    private static GeoLocation location(Metadata metadata) {
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        GeoLocation location = gps == null ? null : gps.getGeoLocation();
        if (location == null || location.isZero() || Double.isNaN(location.getLatitude())
                || Math.abs(location.getLatitude()) > 90 || Math.abs(location.getLongitude()) > 180) {
            return null;
        }
        return location;
    }

    private static InvalidInput unreadable(String why) {
        return InvalidInput.of("file", InvalidInput.Reason.FORMAT, DomainMessage.ATTACHMENT_UNREADABLE_IMAGE, why);
    }
}
