package spd.runtime.reg;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The log-sum strategy of theory.md table row 4, written the way generated code writes it: eta_hat(w) =
 * |w|(|w| + eps), Omega(w) = log(1 + |w|/eps), and the dual f(eta) = 2 log((r + eps)/2) - (r - eps)^2/(4 eta)
 * with r = sqrt(eps^2 + 4 eta), whose derivative is f'(eta) = (r - eps)^2/(4 eta^2).
 */
record LogSum(double eps) {
    /** eta_hat(w) = |w| (|w| + eps). */
    INDArray etaHat(INDArray w) {
        INDArray abs = Transforms.abs(w, true);
        return abs.add(eps).muli(abs);
    }

    /** The dual f(eta). */
    INDArray dual(INDArray eta) {
        INDArray r = root(eta);
        INDArray log = Transforms.log(r.add(eps).divi(2), false).muli(2);
        INDArray gap = r.sub(eps);
        return log.subi(gap.muli(gap).divi(eta.mul(4)));
    }

    /** The dual's derivative f'(eta). */
    INDArray dualDerivative(INDArray eta) {
        INDArray gap = root(eta).subi(eps);
        return gap.muli(gap).divi(eta.mul(eta).muli(4));
    }

    private INDArray root(INDArray eta) {
        return Transforms.sqrt(eta.mul(4).addi(eps * eps), false);
    }

    /** Omega(w) = log(1 + |w|/eps), scalar. */
    double omega(double w) {
        return Math.log1p(Math.abs(w) / eps);
    }
}
