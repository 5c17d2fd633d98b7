package difflab.sampler;

/**
 * One vector that a {@link Combination} may add: a model output M (the denoiser D at a stage point), a stage
 * point P (the point at which that model output was evaluated), or a standard normal noise vector of a given
 * stream. Noise of stream s at step k is the same vector wherever it appears in step k.
 */
public sealed interface Term permits Term.Model, Term.Point, Term.Noise {

    /** The data prediction D(p, t) of the evaluation {@code ref}. */
    record Model(EvalRef ref) implements Term {
    }

    /** The point p at which the evaluation {@code ref} was made. */
    record Point(EvalRef ref) implements Term {
    }

    /** Standard normal noise z of the given stream for the current step. */
    record Noise(int stream) implements Term {
        public Noise {
            if (stream < 0) {
                throw new IllegalArgumentException("noise stream must be >= 0, got " + stream);
            }
        }
    }
}
