package difflab.sampler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable linear expression c<sub>x</sub>·x + Σ c<sub>k</sub>·T<sub>k</sub> over the current state x and {@link Term}s. Samplers
 * write their update rules with these forms, in whatever prediction basis their paper uses, and the forms are
 * resolved into {@link Combination}s that kernels evaluate.
 *
 * <p>Noise prediction is expressed in the data-prediction basis (docs/ALGORITHMS.md §0.2, ARCHITECTURE "coefficient
 * programs"): ε = (p − α·D)/σ, see {@link #noisePrediction}; the score is s = (α·D − p)/σ², see {@link #score}.
 */
public final class LinearForm {
    private static final LinearForm ZERO = new LinearForm(0.0, Map.of());
    private static final LinearForm STATE = new LinearForm(1.0, Map.of());

    private final double stateCoefficient;
    private final Map<Term, Double> terms;

    private LinearForm(double stateCoefficient, Map<Term, Double> terms) {
        this.stateCoefficient = stateCoefficient;
        this.terms = terms;
    }

    /** 0. */
    public static LinearForm zero() {
        return ZERO;
    }

    /** x, the state at the start of the step. */
    public static LinearForm state() {
        return STATE;
    }

    /** The single term T with coefficient 1. */
    public static LinearForm of(Term term) {
        return new LinearForm(0.0, Map.of(term, 1.0));
    }

    /** The data prediction D of evaluation {@code ref}. */
    public static LinearForm model(EvalRef ref) {
        return of(new Term.Model(ref));
    }

    /** The stage point p of evaluation {@code ref}. */
    public static LinearForm point(EvalRef ref) {
        return of(new Term.Point(ref));
    }

    /** Standard normal noise of the given stream. */
    public static LinearForm noise(int stream) {
        return of(new Term.Noise(stream));
    }

    /** ε = (p − α·D)/σ of the evaluation {@code ref}, with the α, σ it was made at. */
    public static LinearForm noisePrediction(EvalRef ref) {
        return noisePrediction(ref, ref.alpha(), ref.sigma());
    }

    /** ε = (p − α·D)/σ for the evaluation {@code ref} made at a time with the given α, σ. */
    public static LinearForm noisePrediction(EvalRef ref, double alpha, double sigma) {
        return point(ref).minus(model(ref).times(alpha)).times(1.0 / sigma);
    }

    /** ∇log p<sub>t</sub> = (α·D − p)/σ² for the evaluation {@code ref} made at a time with the given α, σ. */
    public static LinearForm score(EvalRef ref, double alpha, double sigma) {
        return model(ref).times(alpha).minus(point(ref)).times(1.0 / (sigma * sigma));
    }

    /** this + other. */
    public LinearForm plus(LinearForm other) {
        Map<Term, Double> sum = new LinkedHashMap<>(terms);
        other.terms.forEach((term, c) -> sum.merge(term, c, Double::sum));
        return new LinearForm(stateCoefficient + other.stateCoefficient, Collections.unmodifiableMap(sum));
    }

    /** this − other. */
    public LinearForm minus(LinearForm other) {
        return plus(other.times(-1.0));
    }

    /** c·this. */
    public LinearForm times(double c) {
        Map<Term, Double> scaled = new LinkedHashMap<>();
        terms.forEach((term, v) -> scaled.put(term, v * c));
        return new LinearForm(stateCoefficient * c, Collections.unmodifiableMap(scaled));
    }

    /** The coefficient of x. */
    public double stateCoefficient() {
        return stateCoefficient;
    }

    /** The term coefficients, in insertion order (unmodifiable). */
    public Map<Term, Double> terms() {
        return terms;
    }

    /** True if this form is exactly x. */
    public boolean isState() {
        return stateCoefficient == 1.0 && terms.values().stream().allMatch(c -> c == 0.0);
    }

    /**
     * Replaces every occurrence of {@code term} by {@code replacement} (used to substitute stage points that are
     * cheaper to recompute than to store).
     */
    public LinearForm substitute(Term term, LinearForm replacement) {
        Double c = terms.get(term);
        if (c == null) {
            return this;
        }
        Map<Term, Double> rest = new LinkedHashMap<>(terms);
        rest.remove(term);
        return new LinearForm(stateCoefficient, Collections.unmodifiableMap(rest)).plus(replacement.times(c));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(stateCoefficient).append("*x");
        terms.forEach((t, c) -> sb.append(" + ").append(c).append('*').append(t));
        return sb.toString();
    }
}
