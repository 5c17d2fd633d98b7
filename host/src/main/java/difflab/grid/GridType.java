package difflab.grid;

import difflab.schedule.NoiseSchedule;

/**
 * How the N+1 sampling times between t<sub>T</sub> and t<sub>0</sub> are placed (docs/ALGORITHMS.md §7.5, §4.3, §5.4). Each
 * variant is an immutable value with a stable {@link #id()}; the end points are always exactly t<sub>T</sub> and
 * t<sub>0</sub>. All five formulas are VERIFIED from code (DPM-Solver {@code get_time_steps}, k-diffusion / Cosmos
 * Karras σ, SciRE {@code NSR}). GridTypeTest checks the defining spacing at every interior point on four schedules.
 */
public sealed interface GridType
        permits GridType.UniformTime, GridType.QuadraticTime, GridType.UniformLogSnr, GridType.Karras, GridType.Nsr {

    /** Stable identifier used on the command line and in results. */
    String id();

    /** The N+1 interior-and-end times, t[0] = start, t[N] = end. */
    double[] times(NoiseSchedule schedule, double start, double end, int steps);

    /**
     * Builds the grid after validating the arguments.
     *
     * @throws IllegalArgumentException if steps &lt; 1, or start/end are outside the schedule's (0, T] (see
     *     {@link NoiseSchedule#requireTime}), or not start &gt; end; also if rounding made the grid not strictly
     *     decreasing (too many steps for the interval)
     */
    default TimeGrid build(NoiseSchedule schedule, double start, double end, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps=" + steps + " is invalid; accepted: an integer >= 1");
        }
        schedule.requireTime("t_T", start);
        schedule.requireTime("t_0", end);
        if (!(end < start)) {
            throw new IllegalArgumentException("t_0=" + end + " is not below t_T=" + start
                    + "; accepted: t_0 < t_T (sampling runs from t_T down to t_0)");
        }
        double[] t = times(schedule, start, end, steps);
        t[0] = start;
        t[steps] = end;
        return TimeGrid.of(schedule, t);
    }

    /** Uniform in t: t<sub>i</sub> = T + (t<sub>0</sub> − T)·i/N (DPM-Solver {@code time_uniform}). */
    record UniformTime() implements GridType {
        @Override
        public String id() {
            return "uniform-t";
        }

        @Override
        public double[] times(NoiseSchedule schedule, double start, double end, int steps) {
            double[] t = new double[steps + 1];
            for (int i = 0; i <= steps; i++) {
                t[i] = start + (end - start) * i / steps;
            }
            return t;
        }
    }

    /** Quadratic in t: t<sub>i</sub> = (sqrt T + (sqrt t<sub>0</sub> − sqrt T)·i/N)² (DDIM CIFAR, {@code time_quadratic}). */
    record QuadraticTime() implements GridType {
        @Override
        public String id() {
            return "quadratic-t";
        }

        @Override
        public double[] times(NoiseSchedule schedule, double start, double end, int steps) {
            double[] t = new double[steps + 1];
            double a = Math.sqrt(start);
            double b = Math.sqrt(end);
            for (int i = 0; i <= steps; i++) {
                double s = a + (b - a) * i / steps;
                t[i] = s * s;
            }
            return t;
        }
    }

    /** Uniform half log-SNR: λ<sub>i</sub> = λ<sub>T</sub> + (λ<sub>t0</sub> − λ<sub>T</sub>)·i/N, t<sub>i</sub> = t(λ<sub>i</sub>) (DPM-Solver {@code logSNR}). */
    record UniformLogSnr() implements GridType {
        @Override
        public String id() {
            return "logsnr";
        }

        @Override
        public double[] times(NoiseSchedule schedule, double start, double end, int steps) {
            double[] t = new double[steps + 1];
            double l0 = schedule.lambda(start);
            double l1 = schedule.lambda(end);
            for (int i = 0; i <= steps; i++) {
                t[i] = schedule.timeOfLambda(l0 + (l1 - l0) * i / steps);
            }
            return t;
        }
    }

    /**
     * EDM / Karras: σ̃<sub>i</sub> = (σ̃<sub>max</sub><sup>1/ρ</sup> + (i/N)(σ̃<sub>min</sub><sup>1/ρ</sup> − σ̃<sub>max</sub><sup>1/ρ</sup>))<sup>ρ</sup>, i = 0..N,
     * with σ̃ = σ/α taken at t<sub>T</sub> and t<sub>0</sub> (Cosmos {@code get_rev_ts}: N+1 points, no appended 0), and
     * t<sub>i</sub> = t(λ = −log σ̃<sub>i</sub>).
     */
    record Karras(double rho) implements GridType {
        public static final double DEFAULT_RHO = 7.0;

        public Karras {
            if (!(rho > 0)) {
                throw new IllegalArgumentException("Karras rho=" + rho + " is invalid; accepted: rho > 0");
            }
        }

        @Override
        public String id() {
            return rho == DEFAULT_RHO ? "karras" : "karras(rho=" + rho + ")";
        }

        @Override
        public double[] times(NoiseSchedule schedule, double start, double end, int steps) {
            double[] t = new double[steps + 1];
            double a = Math.pow(schedule.noiseToSignal(start), 1.0 / rho);
            double b = Math.pow(schedule.noiseToSignal(end), 1.0 / rho);
            for (int i = 0; i <= steps; i++) {
                double sigmaTilde = Math.pow(a + (b - a) * i / steps, rho);
                t[i] = schedule.timeOfLambda(-Math.log(sigmaTilde));
            }
            return t;
        }
    }

    /**
     * SciRE's NSR schedule (docs/ALGORITHMS.md §5.4, VERIFIED from scire_solver.py): with g(ν) = −log(ν + k·ν<sub>0</sub>), the
     * g-values are uniform from g(ν<sub>T</sub>) to g(ν<sub>0</sub>), ν<sub>i</sub> = e<sup>−g<sub>i</sub></sup> − k·ν<sub>0</sub>, t<sub>i</sub> = t(λ = −log ν<sub>i</sub>),
     * where ν = σ/α. Default k = 3.1 (the code's "recommended k ∈ [2, 7]").
     */
    record Nsr(double k) implements GridType {
        public static final double DEFAULT_K = 3.1;

        public Nsr {
            if (!(k > 0)) {
                throw new IllegalArgumentException("NSR grid k=" + k + " is invalid; accepted: k > 0");
            }
        }

        @Override
        public String id() {
            return k == DEFAULT_K ? "nsr" : "nsr(k=" + k + ")";
        }

        @Override
        public double[] times(NoiseSchedule schedule, double start, double end, int steps) {
            double[] t = new double[steps + 1];
            double nuT = schedule.noiseToSignal(start);
            double nu0 = schedule.noiseToSignal(end);
            double gT = -Math.log(nuT + k * nu0);
            double g0 = -Math.log(nu0 + k * nu0);
            for (int i = 0; i <= steps; i++) {
                double g = gT + (g0 - gT) * i / steps;
                double nu = Math.exp(-g) - k * nu0;
                t[i] = schedule.timeOfLambda(-Math.log(nu));
            }
            return t;
        }
    }
}
