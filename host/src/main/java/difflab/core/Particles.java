package difflab.core;

import java.util.Arrays;

/**
 * An immutable set of n particles in d dimensions, stored as structure of arrays, coordinate-major:
 * {@code data[j*n + i]} is coordinate j of particle i (ARCHITECTURE "Layout").
 */
public final class Particles {
    private final int count;
    private final int dimension;
    private final double[] data;

    private Particles(int count, int dimension, double[] data) {
        this.count = count;
        this.dimension = dimension;
        this.data = data;
    }

    /**
     * Particles from a coordinate-major array (copied).
     *
     * @throws IllegalArgumentException if the length is not count·dimension or a size is not positive
     */
    public static Particles of(int count, int dimension, double[] coordinateMajor) {
        if (count < 1 || dimension < 1) {
            throw new IllegalArgumentException("particles need count >= 1 and dimension >= 1, got count=" + count
                    + ", dimension=" + dimension);
        }
        if ((long) count * dimension != coordinateMajor.length) {
            throw new IllegalArgumentException("particle array length " + coordinateMajor.length + " != count*dimension = "
                    + count + "*" + dimension);
        }
        return new Particles(count, dimension, coordinateMajor.clone());
    }

    /** Takes ownership of the array without copying; for backends that have just filled it. */
    public static Particles adopt(int count, int dimension, double[] coordinateMajor) {
        if ((long) count * dimension != coordinateMajor.length) {
            throw new IllegalArgumentException("particle array length " + coordinateMajor.length + " != count*dimension");
        }
        return new Particles(count, dimension, coordinateMajor);
    }

    /** Particles from rows (particle-major [n][d]). */
    public static Particles fromRows(double[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        double[] data = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " coordinates, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                data[j * n + i] = rows[i][j];
            }
        }
        return new Particles(n, d, data);
    }

    public int count() {
        return count;
    }

    public int dimension() {
        return dimension;
    }

    /** Coordinate j of particle i. */
    public double get(int particle, int coordinate) {
        return data[coordinate * count + particle];
    }

    /** Particle i as a d-vector. */
    public double[] particle(int i) {
        double[] p = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            p[j] = data[j * count + i];
        }
        return p;
    }

    /** The coordinate-major data (a copy). */
    public double[] toArray() {
        return data.clone();
    }

    /** Particle-major rows [n][d]. */
    public double[][] toRows() {
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = particle(i);
        }
        return rows;
    }

    /** Copies the coordinate-major data into {@code dest}, which must have length count·dimension. */
    public void copyInto(double[] dest) {
        System.arraycopy(data, 0, dest, 0, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Particles p && p.count == count && p.dimension == dimension && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * count + dimension) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Particles[n=" + count + ", d=" + dimension + "]";
    }
}
