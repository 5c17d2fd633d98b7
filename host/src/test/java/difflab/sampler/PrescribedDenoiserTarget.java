package difflab.sampler;

import difflab.core.Particles;
import difflab.math.Phi;
import difflab.target.Target;

/**
 * A 1-D test model whose prediction is a prescribed function of the time only, so that the exact probability-flow
 * map is known in closed form and a sampler's exactness classes can be checked (ARCHITECTURE "exactness tests"):
 * <ul>
 * <li>{@link Kind#DATA_POLYNOMIAL_IN_LAMBDA}: D = Σ c<sub>k</sub>λ<sup>k</sup> (k ≤ 2); exact map
 * x̃<sub>t</sub> = e<sup>−H</sup>x̃<sub>s</sub> + Hφ<sub>1</sub>(−H)p + H²φ<sub>2</sub>(−H)p' + H³φ<sub>3</sub>(−H)p'' at λ<sub>s</sub>, H = λ<sub>t</sub> − λ<sub>s</sub>
 * (docs/ALGORITHMS.md §3.1, the Taylor series terminates);</li>
 * <li>{@link Kind#NOISE_AFFINE_IN_LAMBDA}: ε = a + bλ, i.e. D = (x − σε)/α; exact map
 * x̃<sub>t</sub> = x̃<sub>s</sub> − ∫e<sup>−λ</sup>(a + bλ)dλ = x̃<sub>s</sub> + [e<sup>−λ</sup>(a + b + bλ)]<sub>λ<sub>s</sub></sub><sup>λ<sub>t</sub></sup>;</li>
 * <li>{@link Kind#NOISE_AFFINE_IN_SIGMA_TILDE}: ε = a + bσ̃ with σ̃ = e<sup>−λ</sup>; exact map
 * x̃<sub>t</sub> = x̃<sub>s</sub> + a(σ̃<sub>t</sub> − σ̃<sub>s</sub>) + b(σ̃<sub>t</sub>² − σ̃<sub>s</sub>²)/2,</li>
 * </ul>
 * where x̃ = x/α and dx̃/dσ̃ = ε (docs/ALGORITHMS.md §0.3).
 */
final class PrescribedDenoiserTarget implements Target {
    /** Which prediction is prescribed, and as what function. */
    enum Kind { DATA_POLYNOMIAL_IN_LAMBDA, NOISE_AFFINE_IN_LAMBDA, NOISE_AFFINE_IN_SIGMA_TILDE }

    private final Kind kind;
    private final double[] c;

    private PrescribedDenoiserTarget(Kind kind, double... c) {
        this.kind = kind;
        this.c = c.clone();
    }

    /** D = c0 + c1·λ + c2·λ². */
    static PrescribedDenoiserTarget dataQuadraticInLambda(double c0, double c1, double c2) {
        return new PrescribedDenoiserTarget(Kind.DATA_POLYNOMIAL_IN_LAMBDA, c0, c1, c2);
    }

    /** ε = a + b·λ. */
    static PrescribedDenoiserTarget noiseAffineInLambda(double a, double b) {
        return new PrescribedDenoiserTarget(Kind.NOISE_AFFINE_IN_LAMBDA, a, b);
    }

    /** ε = a + b·σ/α. */
    static PrescribedDenoiserTarget noiseAffineInSigmaTilde(double a, double b) {
        return new PrescribedDenoiserTarget(Kind.NOISE_AFFINE_IN_SIGMA_TILDE, a, b);
    }

    /** The exact flow of the state x (VP) from λ<sub>s</sub> to λ<sub>t</sub>. */
    double exactFlow(double lambdaS, double lambdaT, double x) {
        double alphaS = alphaOf(lambdaS);
        double alphaT = alphaOf(lambdaT);
        double xTilde = x / alphaS;
        double h = lambdaT - lambdaS;
        double out = switch (kind) {
            case DATA_POLYNOMIAL_IN_LAMBDA -> Math.exp(-h) * xTilde
                    + h * Phi.phi1(h) * (c[0] + c[1] * lambdaS + c[2] * lambdaS * lambdaS)
                    + h * h * Phi.phi2(h) * (c[1] + 2.0 * c[2] * lambdaS)
                    + h * h * h * Phi.phi3(h) * 2.0 * c[2];
            case NOISE_AFFINE_IN_LAMBDA -> xTilde
                    + Math.exp(-lambdaT) * (c[0] + c[1] + c[1] * lambdaT)
                    - Math.exp(-lambdaS) * (c[0] + c[1] + c[1] * lambdaS);
            case NOISE_AFFINE_IN_SIGMA_TILDE -> {
                double st = Math.exp(-lambdaT);
                double ss = Math.exp(-lambdaS);
                yield xTilde + c[0] * (st - ss) + 0.5 * c[1] * (st * st - ss * ss);
            }
        };
        return alphaT * out;
    }

    private static double alphaOf(double lambda) {
        return 1.0 / Math.sqrt(1.0 + Math.exp(-2.0 * lambda));
    }

    private double prediction(double alpha, double sigma, double x) {
        double lambda = Math.log(alpha / sigma);
        return switch (kind) {
            case DATA_POLYNOMIAL_IN_LAMBDA -> c[0] + c[1] * lambda + c[2] * lambda * lambda;
            case NOISE_AFFINE_IN_LAMBDA -> (x - sigma * (c[0] + c[1] * lambda)) / alpha;
            case NOISE_AFFINE_IN_SIGMA_TILDE -> (x - sigma * (c[0] + c[1] * sigma / alpha)) / alpha;
        };
    }

    @Override
    public String id() {
        return "prescribed-" + kind.name().toLowerCase() + java.util.Arrays.toString(c);
    }

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public void denoise(double alpha, double sigma, double[] x, int n, int from, int to, double[] out) {
        for (int i = from; i < to; i++) {
            out[i] = prediction(alpha, sigma, x[i]);
        }
    }

    @Override
    public double logDensity(double alpha, double sigma, double[] point) {
        throw new UnsupportedOperationException(id() + " has no density");
    }

    @Override
    public Particles sample(int n, long seed) {
        throw new UnsupportedOperationException(id() + " has no samples");
    }

    @Override
    public double[] mean() {
        throw new UnsupportedOperationException(id() + " has no data distribution");
    }

    @Override
    public double[][] covariance() {
        throw new UnsupportedOperationException(id() + " has no data distribution");
    }
}
