package spd.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a figure draws: real text, gaps for undrawable values, markers, legends, and the same bytes every time. */
class FigureTest {
    private static final double[] X = {1, 2, 3, 4, 5};

    private static Chart chart(Series... series) {
        return Chart.of("a chart", Axis.linear("epoch"), Axis.linear("value"), List.of(series));
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    @Test
    void theSvgHasRealTextAndIsTheSameEveryTime() {
        Figure figure = new Figure(
                List.of(
                        chart(Series.line("loss <train>", X, new double[] {5, 4, 3, 2, 1})),
                        chart(Series.line("b", X, X))),
                400,
                300);
        String svg = figure.svg();
        assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>\n"), svg);
        assertEquals(2, count(svg, ">a chart</text>"), "both titles as text");
        assertTrue(svg.contains(">loss &lt;train&gt;</text>"), "legend text escaped");
        assertTrue(svg.contains("width=\"800\""), "two charts side by side");
        assertEquals(svg, figure.svg());
    }

    @Test
    void valuesThatCannotBeDrawnLeaveGaps() {
        double[] y = {1, 2, Double.NaN, 3, 4, Double.POSITIVE_INFINITY, 5, 6, 1e301, 7};
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        String svg = Figure.of(chart(Series.line("y", x, y)), 400, 300).svg();
        assertEquals(
                3, count(svg, "<polyline"), "a gap at each value that cannot be drawn; single points have no line");
        assertFalse(svg.contains("NaN") || svg.contains("Infinity"), svg);
    }

    @Test
    void anAstronomicalOrFlatRunIsDrawnInBoundedTime() {
        double[][] histories = {
            {5.2e10, 6.5e24, 1.3e36, Double.POSITIVE_INFINITY, Double.NaN, -1e300, Double.MAX_VALUE},
            {1e16, 1e16, 1e16 + 2, 1e16},
            {Double.NaN, Double.NaN},
            {Double.MIN_VALUE, 0, Double.MIN_VALUE},
            {}
        };
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (double[] y : histories) {
                double[] x = new double[y.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = i + 1;
                }
                for (Axis axis : new Axis[] {
                    Axis.linear("loss"),
                    Axis.logarithmic("loss"),
                    Axis.linear("e").asPercent()
                }) {
                    Figure figure = Figure.of(
                            Chart.of(
                                    "t",
                                    Axis.linear("epoch").wholeNumbers(),
                                    axis,
                                    List.of(Series.line("loss", x, y).withMarker(Style.Marker.CIRCLE))),
                            400,
                            300);
                    assertFalse(figure.svg().contains("NaN"));
                    assertEquals(800, figure.image().getWidth());
                }
            }
        });
    }

    @Test
    void scatterAndDiamondMarkersAndUnlistedSeries() {
        Chart chart = Chart.of(
                "pareto",
                Axis.logarithmic("nonzero fraction"),
                Axis.linear("test error"),
                List.of(
                        Series.line("method", new double[] {0.01, 0.1, 1}, new double[] {0.3, 0.1, 0.05})
                                .withMarker(Style.Marker.DIAMOND)
                                .withColour(3),
                        Series.scatter("method (runs)", new double[] {0.011, 0.09, 0.12, 1}, new double[] {
                                    0.31, 0.1, 0.11, 0.05
                                })
                                .withColour(3)
                                .withOpacity(0.4)
                                .unlisted()));
        String svg = Figure.of(chart.withLegend(Chart.Legend.BELOW), 600, 400).svg();
        assertEquals(4, count(svg, "<circle"), "one circle per run");
        assertEquals(3 + 1, count(svg, "<path d=\"M"), "a diamond per setting and one in the legend");
        assertTrue(svg.contains("<g fill=\"#ff7f0e\" fill-opacity=\"0.40\">"), "runs translucent in the line's colour");
        assertTrue(svg.contains(">method</text>") && !svg.contains(">method (runs)</text>"));
        assertTrue(svg.contains(">0.01</text>") && svg.contains(">1</text>"), "decade labels");
    }

    @Test
    void aLongLegendBelowWrapsIntoRowsAndKeepsEveryName() {
        double[] y = {1, 2, 3, 4, 5};
        Series[] series = new Series[8];
        for (int i = 0; i < series.length; i++) {
            series[i] = Series.line("experiment_number_" + i + " [lambda=1e-" + i + "]", X, y);
        }
        String svg = Figure.of(chart(series).withLegend(Chart.Legend.BELOW), 700, 450)
                .svg();
        for (int i = 0; i < series.length; i++) {
            assertTrue(svg.contains(">experiment_number_" + i + " [lambda=1e-" + i + "]</text>"));
        }
        Matcher names = Pattern.compile("<text x=\"[0-9.]+\" y=\"([0-9.]+)\" font-size=\"11\">experiment")
                .matcher(svg);
        java.util.Set<String> rows = new java.util.TreeSet<>();
        while (names.find()) {
            rows.add(names.group(1));
        }
        assertTrue(rows.size() >= 3, "wrapped into rows: " + rows);
    }

    @Test
    void theLegendInsideTakesTheCornerWithoutData() {
        // Points crowd the top left (a curve falling from the top): the legend must not cover them.
        double[] y = {10, 9.9, 9.8, 1, 0.5};
        String svg = Figure.of(chart(Series.line("falling", X, y)), 400, 300).svg();
        Matcher legend = Pattern.compile("<rect x=\"([0-9.]+)\" y=\"([0-9.]+)\" width=\"[0-9.]+\" height=\"[0-9.]+\" "
                        + "fill=\"#ffffff\"")
                .matcher(svg);
        assertTrue(legend.find(), svg);
        assertTrue(Double.parseDouble(legend.group(1)) > 200, "legend on the right: " + legend.group());
    }

    @Test
    void thePngIsTwiceTheSizeAndDrawsTheLines(@TempDir Path dir) throws Exception {
        Figure figure = Figure.of(chart(Series.line("y", X, X)), 400, 300);
        Path svg = dir.resolve("f.svg");
        Path png = dir.resolve("f.png");
        figure.write(svg, png);
        assertEquals(figure.svg(), Files.readString(svg));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(600, image.getHeight());
        int blue = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if ((rgb & 0xff) > 0x90 && (rgb >> 16) < 0x60) {
                    blue++;
                }
            }
        }
        assertTrue(blue > 500, "the blue line is drawn: " + blue + " pixels");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }
}
