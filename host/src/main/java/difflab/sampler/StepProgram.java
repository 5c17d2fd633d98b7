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

    /** The names of the evaluations this step makes, in stage order. */
    public List<EvalRef> evaluationNames() {
        List<EvalRef> names = new ArrayList<>();
        for (Stage s : stages) {
            names.add(s.evaluation());
        }
        return names;
    }

    /** A fresh builder for the program of step {@code step}, under whose grid point its stages are filed by default. */
    public static Builder builder(int step) {
        return new Builder(step);
    }

    /** Collects stages and the output; resolves current-step stage points on {@link #output}. */
    public static final class Builder {
        private final int step;
        private final List<LinearForm> inputs = new ArrayList<>();
        private final List<EvalRef> names = new ArrayList<>();

        private Builder(int step) {
            if (step < 0) {
                throw new IllegalArgumentException("step " + step + "; accepted: >= 0");
            }
            this.step = step;
        }

        /**
         * Adds a stage evaluating D at the point {@code input} at time t (with α<sub>t</sub>, σ<sub>t</sub>), filed under
         * this step's grid point as its next stage there, and returns the name of its evaluation. Its model output
         * and point may be used by later stages, the output and later steps.
         */
        public EvalRef stage(LinearForm input, double time, double alpha, double sigma) {
            int next = 0;
            for (EvalRef n : names) {
                if (n.point() == step) {
                    next = Math.max(next, n.stage() + 1);
                }
            }
            return stage(input, new EvalRef(step, next, time, alpha, sigma));
        }

        /**
         * Adds a stage evaluating D at the point {@code input} as the evaluation {@code name} (which carries its
         * time and α, σ), e.g. {@link EvalRef#atGridPoint} of the step's end point for a predictor–corrector.
         *
         * @throws IllegalArgumentException if this step already made an evaluation of that name
         */
        public EvalRef stage(LinearForm input, EvalRef name) {
            for (EvalRef n : names) {
                if (n.sameName(name)) {
                    throw new IllegalArgumentException("step " + step + " makes " + name + " twice");
                }
            }
            for (Term t : input.terms().keySet()) {
                EvalRef read = t instanceof Term.Model m ? m.ref() : t instanceof Term.Point p ? p.ref() : null;
                if (read != null && read.sameName(name)) {
                    throw new IllegalArgumentException("stage " + name + " reads itself");
                }
            }
            inputs.add(input);
            names.add(name);
            return name;
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
                    if (t instanceof Term.Point p && names.contains(p.ref())) {
                        stored.add(names.indexOf(p.ref()));
                    }
                }
            }
            List<Stage> stages = new ArrayList<>();
            for (int k = 0; k < resolvedInputs.size(); k++) {
                stages.add(new Stage(Combination.of(resolvedInputs.get(k)), names.get(k), stored.contains(k)));
            }
            return new StepProgram(stages, Combination.of(resolvedOutput));
        }

        private LinearForm substitutePureStatePoints(LinearForm form) {
            LinearForm result = form;
            for (int k = 0; k < inputs.size(); k++) {
                if (inputs.get(k).isState()) {
                    result = result.substitute(new Term.Point(names.get(k)), LinearForm.state());
                }
            }
            return result;
        }
    }
}
