package org.spikeforge.simulations.plot;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * PNG files of the charts (PNG 1.2 / ISO 15948: 8-bit truecolour, RGB or RGBA, one IDAT of zlib data from
 * {@link Deflater}, the "Up" filter on every row).
 *
 * <p>Why not {@code ImageIO} (which XChart's {@code BitmapEncoder.getBitmapBytes} calls): its first use in a JVM
 * builds the image-I/O plug-in registry (every reader and writer the JDK has, found through the service loader over
 * the whole class path) and runs the PNG writer's Java code interpreted, 0.10–0.14 s of CPU in a fresh JVM against
 * 0.04 s here, on the critical path of every {@code spikeforge run} that draws its raster (BENCHMARKS.md,
 * "Whole-process time"). The files are standard PNG: the tests read them back with {@code ImageIO} and compare every
 * pixel. Charts are still drawn by XChart ({@link BitmapEncoder#getBufferedImage}).
 */
public final class Png {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int FILTER_UP = 2;

    private Png() {}

    /** The chart drawn by XChart at its size, as a PNG file's bytes. */
    public static byte[] of(Chart<?, ?> chart) {
        return encode(BitmapEncoder.getBufferedImage(chart));
    }

    /** The image as a PNG file's bytes: RGBA if its colour model has alpha, else RGB. */
    public static byte[] encode(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        boolean alpha = img.getColorModel().hasAlpha();
        int bpp = alpha ? 4 : 3;
        int stride = w * bpp;
        int[] argb = directPixels(img);
        int[] row = argb == null ? new int[w] : null;
        byte[] prev = new byte[stride], cur = new byte[stride];
        byte[] line = new byte[1 + stride];
        Deflater z = new Deflater(Deflater.DEFAULT_COMPRESSION);
        ByteArrayOutputStream idat = new ByteArrayOutputStream(Math.max(1024, h * stride / 16));
        byte[] buf = new byte[1 << 16];
        try {
            for (int y = 0; y < h; y++) {
                int off = 0;
                if (argb == null) img.getRGB(0, y, w, 1, row, 0, w);
                int[] src = argb == null ? row : argb;
                int base = argb == null ? 0 : y * w;
                for (int x = 0; x < w; x++) {
                    int p = src[base + x];
                    cur[off++] = (byte) (p >>> 16);
                    cur[off++] = (byte) (p >>> 8);
                    cur[off++] = (byte) p;
                    if (alpha) cur[off++] = (byte) (p >>> 24);
                }
                line[0] = FILTER_UP;
                for (int i = 0; i < stride; i++) line[1 + i] = (byte) (cur[i] - prev[i]);
                z.setInput(line);
                while (!z.needsInput()) idat.write(buf, 0, z.deflate(buf));
                byte[] t = prev;
                prev = cur;
                cur = t;
            }
            z.finish();
            while (!z.finished()) idat.write(buf, 0, z.deflate(buf));
        } finally {
            z.end();
        }
        byte[] data = idat.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
        out.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8;                       // bits per sample
        ihdr[9] = (byte) (alpha ? 6 : 2);  // colour type: truecolour with alpha, or truecolour
        // compression 0 (deflate), filter method 0 (adaptive), interlace 0 (none)
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", data);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** The image's pixels as packed (A)RGB ints when it stores them so (XChart's images do), else null. */
    private static int[] directPixels(BufferedImage img) {
        int t = img.getType();
        if ((t == BufferedImage.TYPE_INT_RGB || t == BufferedImage.TYPE_INT_ARGB)
                && img.getRaster().getDataBuffer() instanceof DataBufferInt d && d.getNumBanks() == 1
                && img.getRaster().getParent() == null && d.getOffset() == 0
                && d.getSize() == img.getWidth() * img.getHeight()) {
            return d.getData();
        }
        return null;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] len = new byte[4];
        putInt(len, 0, data.length);
        out.writeBytes(len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
