package difflab.analysis.fit;

/**
 * Why points were left out of a fit.
 *
 * @param invalid        points whose error was non-finite or {@code ≤ 0}
 * @param floor          points at the precision floor (large-x end), see {@link OrderFit}
 * @param preAsymptotic  points before the asymptotic window (small-x end), see {@link OrderFit}
 */
public record Exclusions(int invalid, int floor, int preAsymptotic) {

    public Exclusions {
        if (invalid < 0 || floor < 0 || preAsymptotic < 0) {
            throw new IllegalArgumentException("exclusion counts must be >= 0, got invalid=" + invalid
                    + ", floor=" + floor + ", preAsymptotic=" + preAsymptotic);
        }
    }
}
