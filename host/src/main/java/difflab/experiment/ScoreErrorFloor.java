package difflab.experiment;

import difflab.analysis.fit.OrderFit;
import difflab.analysis.fit.OrderFitResult;
import difflab.analysis.io.ResultTable;
import difflab.run.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code score-error-floor}: where the error stops falling with T once the score is wrong. The model's score is the
 * exact one plus a constant bias b of ℓ2 size η (spread evenly over the coordinates, {@code ScoreBias.uniform}), so
 * the averaged ℓ2 score error ε<sub>score</sub> of Li et al. (docs/ALGORITHMS.md §1.3) is exactly η at every step. Affine errors keep
 * Gaussian outputs Gaussian, so KL(q<sub>1</sub> ‖ p<sub>1</sub>) is exact ({@link ExactKlMeasurement}); standard Gaussian,
 * d = 4, Li et al.'s schedule (c0 = 2, c1 = 6, knot grid). Per sampler and η: the KL against T, the floor
 * (KL at the largest T), where the plateau starts, and the exponent of the floor in η.
 */
public final class ScoreErrorFloor implements Experiment {
    static final List<String> SAMPLERS = List.of("ddpm-li", "li-sde", "ddim");
    static final double[] ETAS = {0, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1};
    static final double[] QUICK_ETAS = {0, 3e-2, 1e-1, 3e-1};
    static final int[] T_VALUES = {25, 50, 100, 200, 400, 800, 1600, 3200, 6400, 12800};
    static final int[] QUICK_T_VALUES = {25, 100, 400, 1600};
    /** The plateau starts at the smallest T whose KL is within this factor of the KL at the largest T. */
    static final double PLATEAU_FACTOR = 1.5;
    /** A curve has reached its floor when KL(T_max)/KL(T_max/4) lies within [1/PLATEAU_GROWTH, PLATEAU_GROWTH]. */
    static final double PLATEAU_GROWTH = 1.25;
    static final int DIMENSION = 4;

    @Override
    public String id() {
        return "score-error-floor";
    }

    @Override
    public String title() {
        return "Error floors under a score error of size η, exact on a Gaussian";
    }

    @Override
    public String claim() {
        return "Li et al. (ICML 2024, docs/ALGORITHMS.md §1.3): TV(q_1, p_1) ≤ C d³log^4.5 T/T + C sqrt(d)·ε_score·log^1.5 T for the "
                + "accelerated SDE, and an ε_score term (with ε_Jacobi) for the ODE; the error saturates at a level "
                + "set by the score error: TV ∝ ε_score, i.e. KL ∝ ε_score² (exponent 2).";
    }

    @Override
    public String howToRead() {
        return "One log-log plot per sampler of exact KL against T, one line per score error η (η = 0 is the "
                + "discretisation error alone). The table gives the floor (KL at the largest T), the ratio "
                + "KL(T_max)/KL(T_max/4) (1 = flat, > 1 = growing), and the T where the plateau starts (KL within "
                + PLATEAU_FACTOR + "× the floor) for curves that have levelled off (ratio within " + PLATEAU_GROWTH
                + "×); the exponent of the floor in η is fitted over those curves (claim: 2), or over the KL at T_max "
                + "for a sampler whose KL keeps growing.";
    }

    @Override
    public List<Cell> cells(Scale scale) {
        List<Cell> cells = new ArrayList<>();
        double[] etas = scale == Scale.QUICK ? QUICK_ETAS : ETAS;
        int[] ts = scale == Scale.QUICK ? QUICK_T_VALUES : T_VALUES;
        for (String s : SAMPLERS) {
            for (double eta : etas) {
                for (int t : ts) {
                    cells.add(ExactKlMeasurement.cell(s, "li", "uniform-t", t, "gaussian", DIMENSION)
                            .with(ExactKlMeasurement.SCORE_ERROR, eta));
                }
            }
        }
        return cells;
    }

    @Override
    public List<String> metricColumns() {
        return ExactKlMeasurement.METRICS;
    }

    @Override
    public Optional<String> javaOnlyReason() {
        return Optional.of("its KL under a score bias is propagated exactly through the coefficient program on the "
                + "host; it samples nothing");
    }

    @Override
    public Map<String, Object> measure(Cell cell, Backend backend) {
        return ExactKlMeasurement.measure(cell);
    }

    @Override
    public Analysis analyse(ResultTable runs, Path plotsDir) {
        Map<String, Map<Double, TreeMap<Double, Double>>> data = new LinkedHashMap<>();
        for (ResultTable.Row r : runs.rows()) {
            data.computeIfAbsent(r.get("sampler"), k -> new TreeMap<>())
                    .computeIfAbsent(r.getDouble(ExactKlMeasurement.SCORE_ERROR), k -> new TreeMap<>())
                    .put(r.getDouble("steps"), r.getDouble("kl"));
        }
        ResultTable fits = ResultTable.withColumns("sampler", "eta", "floor", "growth_last_quadrupling",
                "plateau_start_T");
        List<String> plots = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        StringBuilder table = new StringBuilder("| sampler | η | KL at T_max | KL(T_max)/KL(T_max/4) | plateau from T |\n"
                + "|---|---|---|---|---|\n");
        StringBuilder exponents = new StringBuilder("| sampler | fitted quantity | exponent in η [95% CI] | claim |\n"
                + "|---|---|---|---|\n");
        for (Map.Entry<String, Map<Double, TreeMap<Double, Double>>> e : data.entrySet()) {
            String sampler = e.getKey();
            Map<String, TreeMap<Double, Double>> series = new LinkedHashMap<>();
            TreeMap<Double, Double> floors = new TreeMap<>();
            TreeMap<Double, Double> atLargestT = new TreeMap<>();
            double maxGrowth = 0;
            for (Map.Entry<Double, TreeMap<Double, Double>> byEta : e.getValue().entrySet()) {
                TreeMap<Double, Double> kl = byEta.getValue();
                Double quarter = kl.get(kl.lastKey() / 4);
                if (byEta.getKey() > 0 && quarter != null) {
                    maxGrowth = Math.max(maxGrowth, kl.lastEntry().getValue() / quarter);
                }
            }
            boolean growing = maxGrowth > PLATEAU_GROWTH;
            for (Map.Entry<Double, TreeMap<Double, Double>> byEta : e.getValue().entrySet()) {
                double eta = byEta.getKey();
                TreeMap<Double, Double> kl = byEta.getValue();
                series.put("eta=" + ConvergenceStudy.trim(eta), kl);
                double tMax = kl.lastKey();
                double floor = kl.get(tMax);
                Double quarter = kl.get(tMax / 4);
                double growth = quarter == null ? Double.NaN : floor / quarter;
                double plateau = Double.NaN;
                for (Map.Entry<Double, Double> p : kl.entrySet()) {
                    if (p.getValue() <= PLATEAU_FACTOR * floor) {
                        plateau = p.getKey();
                        break;
                    }
                }
                boolean plateaued = !growing && eta > 0 && growth >= 1 / PLATEAU_GROWTH && growth <= PLATEAU_GROWTH;
                table.append(String.format(Locale.ROOT, "| %s | %s | %.3e | %.3f | %s |%n", sampler,
                        ConvergenceStudy.trim(eta), floor, growth, plateaued ? ConvergenceStudy.trim(plateau) : "-"));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("sampler", sampler);
                row.put("eta", eta);
                row.put("floor", floor);
                row.put("growth_last_quadrupling", growth);
                row.put("plateau_start_T", plateaued ? plateau : Double.NaN);
                fits = fits.withRow(row);
                if (eta > 0) {
                    atLargestT.put(eta, floor);
                    if (plateaued) {
                        floors.put(eta, floor);
                    }
                }
            }
            TreeMap<Double, Double> fitted = growing ? atLargestT : floors;
            String what = growing ? "KL at T_max (no floor)" : "floor";
            if (fitted.size() >= 2) {
                double[] x = fitted.keySet().stream().mapToDouble(Double::doubleValue).toArray();
                double[] y = fitted.values().stream().mapToDouble(Double::doubleValue).toArray();
                OrderFitResult f = OrderFit.fitOver(x, y, 0, x.length, -2.0);
                String ci = Double.isNaN(f.ciLower()) ? "" : String.format(Locale.ROOT, " [%.3f, %.3f]", -f.ciUpper(),
                        -f.ciLower());
                exponents.append(String.format(Locale.ROOT, "| %s | %s | %.3f%s over η = %s..%s | 2 |%n", sampler, what,
                        -f.order(), ci, ConvergenceStudy.trim(x[0]), ConvergenceStudy.trim(x[x.length - 1])));
                if (Math.abs(-f.order() - 2.0) > OrderFit.MATCH_TOLERANCE) {
                    findings.add(String.format(Locale.ROOT, "%s: the %s grows like η^%.2f over η = %s..%s, not like "
                            + "η² (claim: KL ∝ ε_score²).", sampler, what, -f.order(), ConvergenceStudy.trim(x[0]),
                            ConvergenceStudy.trim(x[x.length - 1])));
                }
            } else {
                exponents.append(String.format(Locale.ROOT, "| %s | %s | fewer than 2 curves have reached their floor "
                        + "| 2 |%n", sampler, what));
            }
            if (growing) {
                findings.add(String.format(Locale.ROOT, "%s has no error floor under a constant score bias: its KL "
                        + "still grows by up to %.2f× per quadrupling of T at the largest T (about ln²T: Li's schedule "
                        + "starts at λ_T ≈ −2 ln T, and the deterministic flow does not forget the score error it "
                        + "integrates over that noisy stretch, where the stochastic samplers' noise does).", sampler,
                        maxGrowth));
            }
            String plot = Plots.errorPlot(plotsDir, "floor_" + sampler, sampler + ": KL against T by score error η",
                    Plots.quantity("steps"), "KL(q₁ ‖ p̂₁)", series);
            plots.add("plots/" + plot);
        }
        blocks.add(table.toString());
        blocks.add(exponents.toString());
        for (String p : plots) {
            blocks.add("![" + p + "](" + p + ")");
        }
        return new Analysis(fits, plots, blocks, findings);
    }
}
