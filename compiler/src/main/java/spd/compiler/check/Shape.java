package spd.compiler.check;

/** What flows between two layers of a network, per example: a feature vector or an image. */
public sealed interface Shape {
    /** The number of values per example. */
    long size();

    /** The shape as a user writes it: {@code 800} or {@code 20x24x24}. */
    String text();

    /** A vector of {@code size} features. */
    record Vector(long size) implements Shape {
        @Override
        public String text() {
            return String.valueOf(size);
        }
    }

    /** An image of {@code channels x height x width} values. */
    record Image(int channels, int height, int width) implements Shape {
        @Override
        public long size() {
            return (long) channels * height * width;
        }

        @Override
        public String text() {
            return channels + "x" + height + "x" + width;
        }
    }
}
