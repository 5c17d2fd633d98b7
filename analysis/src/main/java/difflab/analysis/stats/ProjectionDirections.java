package difflab.analysis.stats;

import java.util.SplittableRandom;

/**
 * Deterministic directions uniform on the unit sphere {@code S^(d−1)}, for sliced distances.
 *
 * <p>Each direction is a vector of independent standard normals divided by its norm (uniform by
 * rotation invariance of the Gaussian). The normals come from Box–Muller on
 * {@link SplittableRandom#nextDouble()} of a generator seeded with {@code seed}, written out here
 * rather than taken from {@code nextGaussian()}, whose algorithm the JDK has changed between
 * releases. These directions are analysis-side randomness: the particles themselves are sampled
 * elsewhere with the counter-based Philox generator, and nothing here feeds back into sampling.
 */
public final class ProjectionDirections {

    private ProjectionDirections() {
    }

    /**
     * {@code count} unit vectors of dimension {@code dimension}, the same for the same arguments.
     *
     * @throws IllegalArgumentException if {@code dimension < 1} or {@code count < 1}
     */
    public static double[][] uniform(int dimension, int count, long seed) {
        if (dimension < 1 || count < 1) {
            throw new IllegalArgumentException("dimension = " + dimension + ", count = " + count
                    + " are not accepted; both must be >= 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] directions = new double[count][dimension];
        for (double[] direction : directions) {
            double norm;
            do {
                for (int i = 0; i < dimension; i += 2) {
                    double radius = Math.sqrt(-2 * Math.log1p(-random.nextDouble()));
                    double angle = 2 * Math.PI * random.nextDouble();
                    direction[i] = radius * Math.cos(angle);
                    if (i + 1 < dimension) {
                        direction[i + 1] = radius * Math.sin(angle);
                    }
                }
                norm = Math.sqrt(dot(direction, direction));
            } while (norm == 0);
            for (int i = 0; i < dimension; i++) {
                direction[i] /= norm;
            }
        }
        return directions;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
