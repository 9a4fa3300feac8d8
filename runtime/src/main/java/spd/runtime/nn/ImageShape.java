package spd.runtime.nn;

import java.util.List;

/** The shape of one image example: channels x height x width, stored in that (C-order) layout. */
public record ImageShape(int channels, int height, int width) {
    /** Checks the dimensions. */
    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("an image needs positive dimensions, got " + this);
        }
    }

    /** The shape from {@code [c, h, w]}. */
    public static ImageShape of(List<Integer> shape) {
        if (shape.size() != 3) {
            throw new IllegalArgumentException("an image shape has three dimensions, got " + shape);
        }
        return new ImageShape(shape.get(0), shape.get(1), shape.get(2));
    }

    /** {@code [c, h, w]}. */
    public List<Integer> asList() {
        return List.of(channels, height, width);
    }

    /** The number of values per example. */
    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
