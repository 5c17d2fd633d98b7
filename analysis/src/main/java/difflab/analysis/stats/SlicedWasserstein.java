package difflab.analysis.stats;

import java.util.Arrays;
import java.util.Objects;

/**
 * Sliced 2-Wasserstein distance between two samples of points in {@code R^d}:
 * <pre>
 *   SW2(A, B) = ( E_θ[ W2²(θ·A, θ·B) ] )^(1/2),   θ uniform on the unit sphere,
 * </pre>
 * estimated by the mean over {@code P} directions {@code θ_k}. Each 1-D term is exact for the
 * empirical measures: with sorted projections {@code a_(i)} ({@code n} points) and
 * {@code b_(j)} ({@code m} points), {@code W2² = ∫₀¹ (F_A⁻¹(u) − F_B⁻¹(u))² du}, a sum over the
 * merged breakpoints {@code i/n} and {@code j/m} (for {@code n = m}:
 * {@code (1/n)·Σ (a_(i) − b_(i))²}).
 *
 * <p>The standard error is that of the projection average only (the spread over directions, not
 * the sampling noise of the points): with {@code w_k = W2²(θ_k·A, θ_k·B)},
 * {@code se(mean w) = sd(w)/√P} and, by the delta method, {@code se(SW2) = se(mean w)/(2·SW2)}.
 * Two finite samples of the same distribution have {@code SW2 > 0}; compare with the value for two
 * independent samples of the target when judging convergence.
 */
public final class SlicedWasserstein {

    private SlicedWasserstein() {
    }

    /**
     * {@code SW2} over {@code nProjections} directions from
     * {@link ProjectionDirections#uniform(int, int, long)} with {@code projectionSeed}.
     *
     * @param a              points {@code [n][d]}
     * @param b              points {@code [m][d]}, same {@code d}
     * @param nProjections   number of directions, {@code ≥ 2} for a standard error
     * @param projectionSeed seed of the directions
     */
    public static Estimate w2(double[][] a, double[][] b, int nProjections, long projectionSeed) {
        int d = dimension("a", a);
        return w2(a, b, ProjectionDirections.uniform(d, nProjections, projectionSeed));
    }

    /**
     * {@code SW2} over the given directions (each normalised to unit length here).
     *
     * @throws IllegalArgumentException if a sample is empty or ragged, dimensions differ, a value is
     *                                  not finite, or a direction is zero
     */
    public static Estimate w2(double[][] a, double[][] b, double[][] directions) {
        int d = dimension("a", a);
        if (dimension("b", b) != d) {
            throw new IllegalArgumentException("a has dimension " + d + " but b has " + b[0].length);
        }
        Objects.requireNonNull(directions, "directions");
        if (directions.length == 0) {
            throw new IllegalArgumentException("at least one direction is needed");
        }
        double[] squared = new double[directions.length];
        for (int k = 0; k < directions.length; k++) {
            double[] theta = unit(directions[k], d, k);
            squared[k] = w2Squared1d(project(a, theta), project(b, theta));
        }
        double meanSquared = Arrays.stream(squared).sum() / squared.length;
        double distance = Math.sqrt(meanSquared);
        if (squared.length == 1) {
            return new Estimate(distance, Double.NaN);
        }
        double seOfMean = MeanStd.of(squared).standardError();
        return new Estimate(distance, seOfMean == 0 ? 0 : seOfMean / (2 * distance));
    }

    /**
     * Squared 2-Wasserstein distance between two 1-D empirical measures (uniform weights), by the
     * quantile coupling. Sorts copies; the arguments are unchanged. A NaN value gives NaN.
     */
    public static double w2Squared1d(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("both samples need at least one value, got " + a.length + " and "
                    + b.length);
        }
        double[] sortedA = a.clone();
        double[] sortedB = b.clone();
        Arrays.sort(sortedA);
        Arrays.sort(sortedB);
        long n = sortedA.length;
        long m = sortedB.length;
        // quantile levels in units of 1/(n·m): a_(i) covers (i·m, (i+1)·m], b_(j) covers (j·n, (j+1)·n]
        int i = 0;
        int j = 0;
        long previous = 0;
        double sum = 0;
        while (i < n && j < m) {
            long endA = (i + 1) * m;
            long endB = (j + 1) * n;
            long next = Math.min(endA, endB);
            double difference = sortedA[i] - sortedB[j];
            sum += (next - previous) * difference * difference;
            previous = next;
            if (endA == next) {
                i++;
            }
            if (endB == next) {
                j++;
            }
        }
        return sum / ((double) n * m);
    }

    private static double[] project(double[][] points, double[] theta) {
        double[] projected = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            projected[i] = ProjectionDirections.dot(points[i], theta);
        }
        return projected;
    }

    private static double[] unit(double[] direction, int d, int index) {
        if (direction.length != d) {
            throw new IllegalArgumentException("directions[" + index + "] has " + direction.length
                    + " coordinates; the samples have " + d);
        }
        double norm = Math.sqrt(ProjectionDirections.dot(direction, direction));
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("directions[" + index + "] has norm " + norm
                    + "; a direction must be finite and non-zero");
        }
        double[] unit = new double[d];
        for (int i = 0; i < d; i++) {
            unit[i] = direction[i] / norm;
        }
        return unit;
    }

    private static int dimension(String name, double[][] points) {
        Objects.requireNonNull(points, name);
        if (points.length == 0 || points[0].length == 0) {
            throw new IllegalArgumentException(name + " is empty; a sample needs at least one point of dimension >= 1");
        }
        int d = points[0].length;
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != d) {
                throw new IllegalArgumentException(name + "[" + i + "] has " + points[i].length
                        + " coordinates; " + name + "[0] has " + d);
            }
            for (int c = 0; c < d; c++) {
                if (!Double.isFinite(points[i][c])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + c + "] = " + points[i][c]
                            + " is not finite");
                }
            }
        }
        return d;
    }
}
