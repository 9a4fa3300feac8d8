package spd.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Charts side by side, each {@code chartWidth} by {@code height} pixels, written as SVG (text as text, byte-for-byte
 * deterministic) and as PNG at twice the resolution (sharp on high-density screens and in print).
 */
public record Figure(List<Chart> charts, int chartWidth, int height) {
    /** The PNG's pixels per SVG pixel. */
    static final int PNG_SCALE = 2;

    public Figure {
        charts = List.copyOf(charts);
        if (charts.isEmpty() || chartWidth < 100 || height < 100) {
            throw new IllegalArgumentException("a figure needs at least one chart of at least 100 x 100 pixels");
        }
    }

    /** One chart alone. */
    public static Figure of(Chart chart, int width, int height) {
        return new Figure(List.of(chart), width, height);
    }

    public int width() {
        return chartWidth * charts.size();
    }

    /** The figure as an SVG document. */
    public String svg() {
        SvgCanvas canvas = new SvgCanvas(width(), height);
        Renderer.draw(this, canvas);
        return canvas.finish();
    }

    /** The figure as an image, at {@value #PNG_SCALE} times the SVG's size. */
    public BufferedImage image() {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        BufferedImage image = new BufferedImage(width() * PNG_SCALE, height * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.scale(PNG_SCALE, PNG_SCALE);
        Renderer.draw(this, new Java2dCanvas(g));
        g.dispose();
        return image;
    }

    /**
     * Writes the SVG and the PNG, each through a temporary file moved into place, so a reader never sees half a file.
     *
     * @throws IOException when a file cannot be written
     */
    public void write(Path svgFile, Path pngFile) throws IOException {
        Path svgTemp = temporary(svgFile);
        Files.writeString(svgTemp, svg());
        moveIntoPlace(svgTemp, svgFile);
        Path pngTemp = temporary(pngFile);
        // ImageIO's file cache registers a shutdown hook per stream, which fails while the JVM shuts down.
        ImageIO.setUseCache(false);
        try (OutputStream out = Files.newOutputStream(pngTemp)) {
            ImageIO.write(image(), "png", out);
        }
        moveIntoPlace(pngTemp, pngFile);
    }

    private static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
