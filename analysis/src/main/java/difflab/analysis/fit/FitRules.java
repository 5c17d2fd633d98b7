package difflab.analysis.fit;

/**
 * The model-specific thresholds of a windowed fit.
 *
 * @param model                 the error model
 * @param window                allowed deviation of a local slope from the window's fitted slope
 * @param match                 allowed |measured − nominal| for {@link Verdict#MATCHES}
 * @param maxMatchingHalfWidth  largest CI half-width with which CI containment still counts as a match
 */
record FitRules(FitModel model, Tolerance window, Tolerance match, Tolerance maxMatchingHalfWidth) {
}
