package difflab.sampler.sde;

import difflab.backend.java.JavaBackend;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.grid.GridType;
import difflab.kernels.NormalNoiseKernel;
import difflab.run.SamplingJob;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each stochastic sampler's coefficient program against a direct transcription of its published pseudo-code, in the
 * publication's own coordinates (DDPM/DDIM discrete notation; k-diffusion / EDM / Cosmos σ̃ coordinates with
 * x̃ = x/α), run on one particle of a 2-D Gaussian mixture (nonlinear denoiser) with the same Philox noise
 * (seed, particle, step, stream). The backend's particle must match to rounding: this pins the VP conversions, the
 * noise placement and stream numbers, and the last-step rules.
 */
class PublishedFormulaTest {
    static final long SEED = 77L;
    static final int PARTICLES = 5;
    static final int PARTICLE = 3;
    static final int STEPS = 6;
    static final double TOLERANCE = 1e-11;

    private final NoiseSchedule schedule = LinearVpSchedule.standard();
    private final GaussianMixtureTarget target = GaussianMixtureTarget.standard(2, 3, true);
    private final SamplingContext ctx = new SamplingContext(schedule,
            new GridType.UniformLogSnr().build(schedule, 1.0, 1e-3, STEPS));

    @Test
    void ddpmAncestralPosteriorIsHoAlgorithm2() {
        check("ddpm-ancestral", ho(true));
    }

    @Test
    void ddpmAncestralBetaIsHoAlgorithm2WithBetaVariance() {
        check("ddpm-ancestral-beta", ho(false));
    }

    @Test
    void ddpmLiIsTheReadmeVanillaSde() {
        double[] x = start();
        for (int i = 0; i < STEPS; i++) {
            double at = abar(i);
            double alpha = at / abar(i + 1);
            double beta = 1 - alpha;
            double[] eps = eps(x, i);
            double[] z = noise(i, 0);
            for (int j = 0; j < 2; j++) {
                double score = -eps[j] / Math.sqrt(1 - at);
                x[j] = (x[j] + beta * score + Math.sqrt(beta) * z[j]) / Math.sqrt(alpha);
            }
        }
        check("ddpm-li", x);
    }

    @Test
    void ddimEtaIsTheDdimCodesGeneralizedSteps() {
        double[] x = start();
        double eta = 1.0;
        for (int i = 0; i < STEPS; i++) {
            double at = abar(i);
            double atNext = abar(i + 1);
            double[] e = eps(x, i);
            double[] z = noise(i, 0);
            double c1 = eta * Math.sqrt((1 - at / atNext) * (1 - atNext) / (1 - at));
            double c2 = Math.sqrt((1 - atNext) - c1 * c1);
            for (int j = 0; j < 2; j++) {
                double x0 = (x[j] - e[j] * Math.sqrt(1 - at)) / Math.sqrt(at);
                x[j] = Math.sqrt(atNext) * x0 + c1 * z[j] + c2 * e[j];
            }
        }
        check("ddim-eta", x);
    }

    @Test
    void liSdeIsTheReadmeAcceleratedSampler() {
        double[] y = start();
        for (int i = 0; i < STEPS; i++) {
            double at = abar(i);
            double alpha = at / abar(i + 1);
            double beta = 1 - alpha;
            double[] z = noise(i, 0);
            double[] zPlus = noise(i, 1);
            double[] plus = new double[2];
            for (int j = 0; j < 2; j++) {
                plus[j] = y[j] + Math.sqrt(beta / 2) * z[j];
            }
            double[] e = eps(plus, i);
            for (int j = 0; j < 2; j++) {
                double score = -e[j] / Math.sqrt(1 - at);
                y[j] = (plus[j] + beta * score) / Math.sqrt(alpha)
                        + (i == STEPS - 1 ? 0.0 : Math.sqrt(beta / 2) * zPlus[j]);
            }
        }
        check("li-sde", y);
    }

    @Test
    void eulerAncestralIsKDiffusion() {
        double[] x = tilde(start(), 0);
        for (int i = 0; i < STEPS; i++) {
            double s = sigmaTilde(i);
            double sn = sigmaTilde(i + 1);
            double[] den = modelTilde(x, s);
            double up = Math.min(sn, Math.sqrt(sn * sn * (s * s - sn * sn) / (s * s)));
            double down = Math.sqrt(sn * sn - up * up);
            double[] z = noise(i, 0);
            for (int j = 0; j < 2; j++) {
                double d = (x[j] - den[j]) / s;
                x[j] = x[j] + d * (down - s) + z[j] * up;
            }
        }
        check("euler-ancestral", untilde(x));
    }

    @Test
    void dpmSolverPlusPlus2MSdeMidpointIsKDiffusion() {
        check("dpmpp-2m-sde", dpmpp2mSde(false));
    }

    @Test
    void dpmSolverPlusPlus2MSdeHeunIsKDiffusion() {
        check("dpmpp-2m-sde-heun", dpmpp2mSde(true));
    }

    @Test
    void edmStochasticHeunIsEdmAlgorithm2() {
        double sChurn = EdmStochasticHeun.DEFAULT_S_CHURN;
        double[] x = tilde(start(), 0);
        for (int i = 0; i < STEPS; i++) {
            double tCur = sigmaTilde(i);
            double tNext = sigmaTilde(i + 1);
            double gamma = Math.min(sChurn / STEPS, Math.sqrt(2) - 1);
            double tHat = tCur + gamma * tCur;
            double[] z = noise(i, 0);
            double[] xHat = new double[2];
            for (int j = 0; j < 2; j++) {
                xHat[j] = x[j] + Math.sqrt(tHat * tHat - tCur * tCur) * z[j];
            }
            double[] den = modelTilde(xHat, tHat);
            double[] dCur = new double[2];
            double[] xNext = new double[2];
            for (int j = 0; j < 2; j++) {
                dCur[j] = (xHat[j] - den[j]) / tHat;
                xNext[j] = xHat[j] + (tNext - tHat) * dCur[j];
            }
            double[] den2 = modelTilde(xNext, tNext);
            for (int j = 0; j < 2; j++) {
                double dPrime = (xNext[j] - den2[j]) / tNext;
                x[j] = xHat[j] + (tNext - tHat) * (0.5 * dCur[j] + 0.5 * dPrime);
            }
        }
        check("edm-stochastic-heun", untilde(x));
    }

    @Test
    void resChurnIsCosmosChurnThenBirchSanRes2S() {
        double eta = Math.min(ResChurn.DEFAULT_S_CHURN / (STEPS + 1), Math.sqrt(1.2) - 1);
        double c2 = 0.5;
        double[] x = tilde(start(), 0);
        for (int i = 0; i < STEPS; i++) {
            double sigma = sigmaTilde(i);
            double sigmaNext = sigmaTilde(i + 1);
            double hat = sigma + eta * sigma;
            double[] z = noise(i, 0);
            for (int j = 0; j < 2; j++) {
                x[j] = x[j] + Math.sqrt(hat * hat - sigma * sigma) * z[j];
            }
            double lam = -Math.log(hat);
            double h = -Math.log(sigmaNext) - lam;
            double a21 = c2 * (-Math.expm1(-c2 * h)) / (c2 * h);
            double phi1 = -Math.expm1(-h) / h;
            double phi2 = (Math.expm1(-h) + h) / (h * h);
            double b2 = phi2 / c2;
            double b1 = phi1 - b2;
            double[] den = modelTilde(x, hat);
            double[] x2 = new double[2];
            for (int j = 0; j < 2; j++) {
                x2[j] = Math.exp(-c2 * h) * x[j] + h * a21 * den[j];
            }
            double[] den2 = modelTilde(x2, Math.exp(-(lam + c2 * h)));
            for (int j = 0; j < 2; j++) {
                x[j] = Math.exp(-h) * x[j] + h * (b1 * den[j] + b2 * den2[j]);
            }
        }
        check("res-churn", untilde(x));
    }

    private double[] dpmpp2mSde(boolean heun) {
        double eta = 1.0;
        double[] x = tilde(start(), 0);
        double[] old = null;
        double hLast = 0;
        for (int i = 0; i < STEPS; i++) {
            double s0 = sigmaTilde(i);
            double s1 = sigmaTilde(i + 1);
            double[] den = modelTilde(x, s0);
            double t = -Math.log(s0);
            double s = -Math.log(s1);
            double h = s - t;
            double etaH = eta * h;
            double[] z = noise(i, 0);
            for (int j = 0; j < 2; j++) {
                x[j] = s1 / s0 * Math.exp(-etaH) * x[j] + (-Math.expm1(-h - etaH)) * den[j];
                if (old != null) {
                    double r = hLast / h;
                    if (heun) {
                        x[j] += ((-Math.expm1(-h - etaH)) / (-h - etaH) + 1) * (1 / r) * (den[j] - old[j]);
                    } else {
                        x[j] += 0.5 * (-Math.expm1(-h - etaH)) * (1 / r) * (den[j] - old[j]);
                    }
                }
                x[j] += z[j] * s1 * Math.sqrt(-Math.expm1(-2 * etaH));
            }
            old = den;
            hLast = h;
        }
        return untilde(x);
    }

    private double[] ho(boolean posterior) {
        double[] x = start();
        for (int i = 0; i < STEPS; i++) {
            double at = abar(i);
            double atm1 = abar(i + 1);
            double alpha = at / atm1;
            double beta = 1 - alpha;
            double variance = posterior ? beta * (1 - atm1) / (1 - at) : beta;
            double[] e = eps(x, i);
            double[] z = noise(i, 0);
            for (int j = 0; j < 2; j++) {
                x[j] = (x[j] - beta / Math.sqrt(1 - at) * e[j]) / Math.sqrt(alpha)
                        + (i == STEPS - 1 ? 0.0 : Math.sqrt(variance) * z[j]);
            }
        }
        return x;
    }

    private double abar(int i) {
        double a = schedule.alpha(ctx.t(i));
        return a * a;
    }

    private double sigmaTilde(int i) {
        return schedule.sigma(ctx.t(i)) / schedule.alpha(ctx.t(i));
    }

    /** ε = (x − sqrt(ᾱ)·D)/sqrt(1 − ᾱ) at grid point i. */
    private double[] eps(double[] x, int i) {
        double a = Math.sqrt(abar(i));
        double s = Math.sqrt(1 - abar(i));
        double[] d = target.denoise(a, s, x);
        return new double[] {(x[0] - a * d[0]) / s, (x[1] - a * d[1]) / s};
    }

    /** k-diffusion's model(x̃, σ̃) = D(α x̃; α, σ) with α = 1/sqrt(1+σ̃²). */
    private double[] modelTilde(double[] xTilde, double sigmaTilde) {
        double a = 1 / Math.sqrt(1 + sigmaTilde * sigmaTilde);
        return target.denoise(a, a * sigmaTilde, new double[] {a * xTilde[0], a * xTilde[1]});
    }

    private double[] tilde(double[] x, int i) {
        double a = schedule.alpha(ctx.t(i));
        return new double[] {x[0] / a, x[1] / a};
    }

    private double[] untilde(double[] xTilde) {
        double a = schedule.alpha(ctx.t(STEPS));
        return new double[] {a * xTilde[0], a * xTilde[1]};
    }

    private double[] start() {
        return InitialNoise.standardNormal(PARTICLES, 2, SEED).particle(PARTICLE);
    }

    private double[] noise(int step, int stream) {
        return new double[] {NormalNoiseKernel.normal(SEED, PARTICLE, step, stream, 0),
            NormalNoiseKernel.normal(SEED, PARTICLE, step, stream, 1)};
    }

    private void check(String id, double[] expected) {
        Sampler s = SamplerRegistry.byId(id);
        Particles init = InitialNoise.standardNormal(PARTICLES, 2, SEED);
        Particles out = new JavaBackend(1).sample(new SamplingJob(s, ctx, target, init, SEED)).particles();
        for (int j = 0; j < 2; j++) {
            assertEquals(expected[j], out.get(PARTICLE, j), TOLERANCE * (1 + Math.abs(expected[j])),
                    id + " coordinate " + j);
        }
    }
}
