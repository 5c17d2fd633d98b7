package difflab.sampler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The coefficient program of one step: stages evaluated in order, then the output combination
 * (ARCHITECTURE "samplers are coefficient programs"):
 * <pre>
 *   stage k:  p_k = a_k·x + Σ_j b_kj·T_j      M_k = D(p_k, t_k)
 *   output:   x'  = a·x   + Σ_j b_j ·T_j
 * </pre>
 * Built with {@link Builder}, which substitutes x for the point of every stage whose input is exactly x, so
 * such points are never stored; {@link Stage#storePoint()} marks the others that a later form reads.
 */
public record StepProgram(List<Stage> stages, Combination output) {
    public StepProgram {
        stages = List.copyOf(stages);
    }

    /** Model evaluations made by this step. */
    public int evaluations() {
        return stages.size();
    }

    /** Every term read by this step's combinations. */
    public List<Term> referencedTerms() {
        List<Term> all = new ArrayList<>();
        for (Stage s : stages) {
            all.addAll(s.input().terms());
        }
        all.addAll(output.terms());
        return all;
    }

    /** The largest {@code stepsBack} of any model or point reference (0 for a singlestep program). */
    public int historyDepth() {
        int depth = 0;
        for (Term t : referencedTerms()) {
            if (t instanceof Term.Model m) {
                depth = Math.max(depth, m.ref().stepsBack());
            } else if (t instanceof Term.Point p) {
                depth = Math.max(depth, p.ref().stepsBack());
            }
        }
        return depth;
    }

    /** A fresh builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects stages and the output; resolves current-step stage points on {@link #output}. */
    public static final class Builder {
        private final List<LinearForm> inputs = new ArrayList<>();
        private final List<double[]> times = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a stage evaluating D at the point {@code input} at time t (with α<sub>t</sub>, σ<sub>t</sub>), and returns the
         * reference to its evaluation. Its model output and point may be used by later stages and the output.
         */
        public EvalRef stage(LinearForm input, double time, double alpha, double sigma) {
            for (Term t : input.terms().keySet()) {
                if (t instanceof Term.Model m && m.ref().stepsBack() == 0 && m.ref().stage() >= inputs.size()
                        || t instanceof Term.Point p && p.ref().stepsBack() == 0 && p.ref().stage() >= inputs.size()) {
                    throw new IllegalArgumentException("stage " + inputs.size() + " reads " + t
                            + ", which is not evaluated before it");
                }
            }
            inputs.add(input);
            times.add(new double[] {time, alpha, sigma});
            return EvalRef.current(inputs.size() - 1);
        }

        /** Finishes the program with the output combination x' = {@code output}. */
        public StepProgram output(LinearForm output) {
            List<LinearForm> resolvedInputs = new ArrayList<>();
            for (LinearForm in : inputs) {
                resolvedInputs.add(substitutePureStatePoints(in));
            }
            LinearForm resolvedOutput = substitutePureStatePoints(output);
            Set<Integer> stored = new HashSet<>();
            List<LinearForm> readers = new ArrayList<>(resolvedInputs);
            readers.add(resolvedOutput);
            for (LinearForm f : readers) {
                for (Term t : f.terms().keySet()) {
                    if (t instanceof Term.Point p && p.ref().stepsBack() == 0) {
                        stored.add(p.ref().stage());
                    }
                }
            }
            List<Stage> stages = new ArrayList<>();
            for (int k = 0; k < resolvedInputs.size(); k++) {
                double[] tas = times.get(k);
                stages.add(new Stage(Combination.of(resolvedInputs.get(k)), tas[0], tas[1], tas[2], stored.contains(k)));
            }
            return new StepProgram(stages, Combination.of(resolvedOutput));
        }

        private LinearForm substitutePureStatePoints(LinearForm form) {
            LinearForm result = form;
            for (int k = 0; k < inputs.size(); k++) {
                if (inputs.get(k).isState()) {
                    result = result.substitute(new Term.Point(EvalRef.current(k)), LinearForm.state());
                }
            }
            return result;
        }
    }
}
