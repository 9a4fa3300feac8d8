package spd.compiler.model;

import java.util.Map;

/** How to train: optimizer, epochs, batch size, learning-rate schedule and the seed of every random stream. */
public record Training(Optimizer optimizer, int epochs, int batch, LrSchedule schedule, long seed, SourceRef at) {

    /** The optimizer and its parameters (lr, beta1, beta2, eps for Adam; lr, momentum for SGD). */
    public record Optimizer(Kind kind, double lr, Map<String, Double> parameters) {
        public Optimizer {
            parameters = Map.copyOf(parameters);
        }

        public double parameter(String name) {
            Double value = parameters.get(name);
            if (value == null) {
                throw new IllegalArgumentException(kind + " has no parameter " + name);
            }
            return value;
        }

        /** Optimizer kinds. */
        public enum Kind {
            ADAM,
            SGD
        }
    }

    /** Learning-rate schedules. */
    public enum LrSchedule {
        CONSTANT,
        LINEAR_DECAY
    }
}
