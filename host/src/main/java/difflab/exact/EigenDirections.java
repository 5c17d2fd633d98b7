package difflab.exact;

import difflab.target.GaussianTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * A Gaussian target N(μ, Σ), Σ = UΛUᵀ, in its eigenbasis (docs/ALGORITHMS.md §7.3): per direction k the eigenvalue λ<sub>k</sub> and
 * the mean coordinate m<sub>k</sub> = u<sub>k</sub>ᵀμ, with directions of equal eigenvalue gathered into groups (a group
 * shares one scalar recursion; its KL depends on the means only through Σ m<sub>k</sub>²).
 *
 * <p>Diagonal targets use their variances and means directly (groups by exact equality). Full targets are
 * re-diagonalised with commons-math's {@link EigenDecomposition} (the target keeps its basis private); eigenvalues
 * within {@link #RELATIVE_GROUPING_TOLERANCE} of a group's first member join that group, so a repeated eigenvalue's
 * arbitrary eigenvectors do not matter.
 */
final class EigenDirections {
    /** Relative distance under which two re-computed eigenvalues count as equal. */
    static final double RELATIVE_GROUPING_TOLERANCE = 1e-12;

    /** One group of equal eigenvalues. */
    record Group(double eigenvalue, int multiplicity, double sumSquaredMeans) {
    }

    final int dimension;
    final double[] eigenvalues;
    final double[] meanCoordinates;
    /** U as columns, row-major d×d ({@code basis[r*d + k]}), or null when Σ is diagonal (U = I). */
    final double[] basis;
    final int[] groupOfDirection;
    final List<Group> groups;

    private EigenDirections(double[] eigenvalues, double[] meanCoordinates, double[] basis, double tolerance) {
        this.dimension = eigenvalues.length;
        this.eigenvalues = eigenvalues;
        this.meanCoordinates = meanCoordinates;
        this.basis = basis;
        this.groupOfDirection = new int[dimension];
        Map<Integer, double[]> sums = new LinkedHashMap<>();
        List<Double> representatives = new ArrayList<>();
        Map<Double, Integer> exact = new LinkedHashMap<>();
        for (int k = 0; k < dimension; k++) {
            double lambda = eigenvalues[k];
            Integer g = tolerance == 0.0 ? exact.get(lambda) : null;
            if (tolerance > 0.0) {
                for (int r = 0; r < representatives.size(); r++) {
                    double rep = representatives.get(r);
                    if (Math.abs(lambda - rep) <= tolerance * rep) {
                        g = r;
                        break;
                    }
                }
            }
            if (g == null) {
                g = representatives.size();
                representatives.add(lambda);
                exact.put(lambda, g);
            }
            groupOfDirection[k] = g;
            double[] s = sums.computeIfAbsent(g, key -> new double[2]);
            s[0] += 1;
            s[1] += meanCoordinates[k] * meanCoordinates[k];
        }
        List<Group> list = new ArrayList<>();
        for (int g = 0; g < representatives.size(); g++) {
            double[] s = sums.get(g);
            list.add(new Group(representatives.get(g), (int) s[0], s[1]));
        }
        this.groups = List.copyOf(list);
    }

    /** u<sub>k</sub>ᵀv for every direction k: v in the eigenbasis. */
    double[] coordinates(double[] v) {
        if (v.length != dimension) {
            throw new IllegalArgumentException("vector has dimension " + v.length + ", the target " + dimension);
        }
        if (basis == null) {
            return v.clone();
        }
        double[] out = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            double dot = 0;
            for (int r = 0; r < dimension; r++) {
                dot += basis[r * dimension + k] * v[r];
            }
            out[k] = dot;
        }
        return out;
    }

    /** The eigen-directions of the target. */
    static EigenDirections of(GaussianTarget target) {
        if (target.isDiagonal()) {
            return new EigenDirections(target.eigenvalues(), target.mean(), null, 0.0);
        }
        int d = target.dimension();
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(target.covariance(), false));
        double[] values = eig.getRealEigenvalues();
        double[] mu = target.mean();
        double[] basis = new double[d * d];
        double[] m = new double[d];
        for (int k = 0; k < d; k++) {
            double[] v = eig.getEigenvector(k).toArray();
            double dot = 0;
            for (int r = 0; r < d; r++) {
                basis[r * d + k] = v[r];
                dot += v[r] * mu[r];
            }
            m[k] = dot;
        }
        return new EigenDirections(values, m, basis, RELATIVE_GROUPING_TOLERANCE);
    }
}
