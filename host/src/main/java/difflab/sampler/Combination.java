package difflab.sampler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A resolved linear combination a·x + Σ<sub>k</sub> c<sub>k</sub>·T<sub>k</sub>, the argument of the combine kernels: the state
 * coefficient, and parallel lists of terms and their coefficients (exact zeros dropped, insertion order kept, so
 * that every backend sums in the same order).
 */
public record Combination(double stateCoefficient, List<Term> terms, double[] coefficients) {
    public Combination {
        terms = List.copyOf(terms);
        coefficients = coefficients.clone();
        if (terms.size() != coefficients.length) {
            throw new IllegalArgumentException("terms and coefficients differ in length: " + terms.size() + " vs "
                    + coefficients.length);
        }
        for (int k = 0; k < coefficients.length; k++) {
            if (!Double.isFinite(coefficients[k])) {
                throw new IllegalArgumentException("non-finite coefficient " + coefficients[k] + " on " + terms.get(k));
            }
        }
        if (!Double.isFinite(stateCoefficient)) {
            throw new IllegalArgumentException("non-finite state coefficient " + stateCoefficient);
        }
    }

    /** The combination of a form whose current-step stage points have already been substituted. */
    public static Combination of(LinearForm form) {
        List<Term> terms = new ArrayList<>();
        List<Double> coefs = new ArrayList<>();
        for (Map.Entry<Term, Double> e : form.terms().entrySet()) {
            if (e.getValue() != 0.0) {
                terms.add(e.getKey());
                coefs.add(e.getValue());
            }
        }
        return new Combination(form.stateCoefficient(), terms, coefs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The coefficients (a copy). */
    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** Coefficient k without copying. */
    public double coefficient(int k) {
        return coefficients[k];
    }

    /** True if some term is noise. */
    public boolean hasNoise() {
        return terms.stream().anyMatch(t -> t instanceof Term.Noise);
    }
}
