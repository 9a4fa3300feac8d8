package spd.plot;

import java.awt.Color;

/** The series colours (matplotlib's "tab10", distinguishable and familiar) and the chart's greys. */
final class Palette {
    private static final Color[] SERIES = {
        new Color(0x1f77b4),
        new Color(0xd62728),
        new Color(0x2ca02c),
        new Color(0xff7f0e),
        new Color(0x9467bd),
        new Color(0x8c564b),
        new Color(0xe377c2),
        new Color(0x7f7f7f),
        new Color(0xbcbd22),
        new Color(0x17becf)
    };
    static final Color FRAME = new Color(0x888888);
    static final Color GRID = new Color(0xe5e5e5);
    static final Color TICK = new Color(0x555555);
    static final Color TEXT = new Color(0x222222);
    static final Color LEGEND_FRAME = new Color(0xbbbbbb);

    private Palette() {}

    /** The colour of series number {@code index} (cycling). */
    static Color series(int index) {
        return SERIES[Math.floorMod(index, SERIES.length)];
    }
}
