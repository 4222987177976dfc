package org.spikeforge.simulations.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Png's files read back by an independent decoder (the JDK's ImageIO PNG reader), pixel for pixel. */
class PngTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img, "ImageIO recognises the bytes as an image");
        return img;
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual, boolean alpha) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        int mask = alpha ? 0xFFFF_FFFF : 0x00FF_FFFF;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int e = expected.getRGB(x, y) & mask, a = actual.getRGB(x, y) & mask;
                if (e != a) throw new AssertionError(String.format("pixel (%d, %d): expected %08x, got %08x", x, y, e, a));
            }
        }
    }

    private static BufferedImage noise(int w, int h, int type, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt());
        }
        return img;
    }

    @Test
    void randomRgbImageRoundTrips() throws IOException {
        BufferedImage img = noise(257, 131, BufferedImage.TYPE_INT_RGB, 7);
        BufferedImage back = decode(Png.encode(img));
        assertEquals(3, back.getColorModel().getNumComponents(), "RGB, no alpha channel");
        assertSamePixels(img, back, false);
    }

    @Test
    void alphaIsKept() throws IOException {
        BufferedImage img = noise(40, 30, BufferedImage.TYPE_INT_ARGB, 3);
        BufferedImage back = decode(Png.encode(img));
        assertTrue(back.getColorModel().hasAlpha());
        assertSamePixels(img, back, true);
    }

    @Test
    void imagesWithoutPackedIntPixelsAndSubImages() throws IOException {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        var g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(5, 5, 30, 20);
        g.setColor(Color.BLUE);
        g.drawLine(0, 47, 63, 0);
        g.dispose();
        assertSamePixels(img, decode(Png.encode(img)), false);
        BufferedImage packed = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        packed.getGraphics().drawImage(img, 0, 0, null);
        BufferedImage sub = packed.getSubimage(10, 7, 33, 21); // shares the parent's pixel array
        assertSamePixels(sub, decode(Png.encode(sub)), false);
    }

    @Test
    void chartIsXChartsImageAndAValidFile() throws IOException {
        XYChart c = new XYChartBuilder().width(420).height(300).title("t").xAxisTitle("x").yAxisTitle("y").build();
        c.addSeries("s", new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 4});
        byte[] png = Png.of(c);
        // the structure: signature, IHDR first with the chart's size, IEND last, and every chunk's CRC right
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, java.util.Arrays.copyOf(png, 8));
        int at = 8;
        String first = null, last = null;
        while (at < png.length) {
            int len = readInt(png, at);
            String type = new String(png, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(png, at + 4, 4 + len);
            assertEquals((int) crc.getValue(), readInt(png, at + 8 + len), "CRC of " + type);
            if (first == null) {
                first = type;
                assertEquals(420, readInt(png, at + 8));
                assertEquals(300, readInt(png, at + 12));
            }
            last = type;
            at += 12 + len;
        }
        assertEquals(png.length, at, "chunks fill the file exactly");
        assertEquals("IHDR", first);
        assertEquals("IEND", last);
        // the same pixels as XChart's own drawing of the chart
        assertSamePixels(BitmapEncoder.getBufferedImage(c), decode(png), false);
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
