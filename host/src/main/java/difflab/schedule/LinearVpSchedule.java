package difflab.schedule;

/**
 * The continuous linear VP-SDE schedule of ScoreSDE / DPM-Solver:
 * log α<sub>t</sub> = −(β<sub>1</sub>−β<sub>0</sub>) t²/4 − β<sub>0</sub> t/2 on t ∈ [t<sub>0</sub>, 1].
 *
 * <p>Inverse (docs/ALGORITHMS.md §0.2, VERIFIED from dpm_solver_pytorch.py {@code NoiseScheduleVP}): with
 * tmp = 2(β<sub>1</sub>−β<sub>0</sub>)·log(1+e<sup>−2λ</sup>), t = tmp / ((sqrt(β<sub>0</sub>² + tmp) + β<sub>0</sub>)(β<sub>1</sub>−β<sub>0</sub>)).
 */
public record LinearVpSchedule(double beta0, double beta1) implements NoiseSchedule {
    public static final double DEFAULT_BETA0 = 0.1;
    public static final double DEFAULT_BETA1 = 20.0;
    /** The end time recommended by DPM-Solver for up to 15 steps. */
    public static final double DEFAULT_T0 = 1e-3;

    public LinearVpSchedule {
        if (!(beta0 > 0 && beta1 > beta0)) {
            throw new IllegalArgumentException("linear VP schedule needs 0 < beta0 < beta1, got beta0=" + beta0
                    + ", beta1=" + beta1);
        }
    }

    /** The default (β<sub>0</sub>, β<sub>1</sub>) = (0.1, 20). */
    public static LinearVpSchedule standard() {
        return new LinearVpSchedule(DEFAULT_BETA0, DEFAULT_BETA1);
    }

    @Override
    public String id() {
        return "linear-vp";
    }

    @Override
    public double tMax() {
        return 1.0;
    }

    @Override
    public double tMinDefault() {
        return DEFAULT_T0;
    }

    @Override
    public double logAlpha(double t) {
        return -0.25 * (beta1 - beta0) * t * t - 0.5 * beta0 * t;
    }

    @Override
    public double timeOfLambda(double lambda) {
        double tmp = 2.0 * (beta1 - beta0) * NoiseSchedule.log1pExp(-2.0 * lambda);
        return tmp / ((Math.sqrt(beta0 * beta0 + tmp) + beta0) * (beta1 - beta0));
    }
}
