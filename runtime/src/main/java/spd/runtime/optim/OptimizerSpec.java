package spd.runtime.optim;

/** A declared optimizer and its hyper-parameters. */
public sealed interface OptimizerSpec {
    /** The base learning rate (before the schedule). */
    double lr();

    /** Adam with PyTorch semantics: bias-corrected moments, eps added to sqrt(v_hat). */
    record Adam(double lr, double beta1, double beta2, double eps) implements OptimizerSpec {
        /** Checks the ranges. */
        public Adam {
            if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
                throw new IllegalArgumentException(
                        "adam needs lr > 0, 0 <= beta1, beta2 < 1 and eps > 0; got lr=%s betas=(%s, %s) eps=%s"
                                .formatted(lr, beta1, beta2, eps));
            }
        }
    }

    /** Plain stochastic gradient descent: w -= lr * g. */
    record Sgd(double lr) implements OptimizerSpec {
        /** Checks the learning rate. */
        public Sgd {
            if (!(lr > 0)) {
                throw new IllegalArgumentException("sgd needs lr > 0, got " + lr);
            }
        }
    }

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8. */
    static Adam adam(double lr) {
        return new Adam(lr, 0.9, 0.999, 1e-8);
    }

    /** Plain SGD. */
    static Sgd sgd(double lr) {
        return new Sgd(lr);
    }
}
