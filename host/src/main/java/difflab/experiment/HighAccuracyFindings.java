package difflab.experiment;

import difflab.analysis.fit.ExponentialRateFit;
import difflab.analysis.fit.OrderFit;
import difflab.analysis.fit.OrderFitResult;
import difflab.analysis.fit.Verdict;
import difflab.analysis.io.ResultTable;
import difflab.analysis.plot.ConvergencePlot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The analysis of {@link HighAccuracy}'s results: per part and target, the exponential-rate fit of FORS and the
 * polynomial orders of the baselines with their plots and tables, the TV at matched cost, the plateau under a score
 * error, and the findings these numbers support (written from the measurements, never fixed text).
 */
final class HighAccuracyFindings {
    /** FORS's semilog line is called bent when the last local rate is below this fraction of the first. */
    static final double BENT_RATE_FRACTION = 0.75;

    private HighAccuracyFindings() {
    }

    /** The error column an analysis part plots: against p<sub>0</sub>, or against q<sub>t0</sub> for fixed-horizon. */
    static String tvColumn(String part) {
        return HighAccuracy.FIXED_HORIZON.equals(part) ? "tv_tmin" : "tv";
    }

    static String klColumn(String part) {
        return HighAccuracy.FIXED_HORIZON.equals(part) ? "kl_tmin" : "kl";
    }

    /** The fits, plots, tables and findings of a {@code high-accuracy} results table. */
    static Analysis analyse(ResultTable runs, Path plotsDir) {
        ResultTable fits = ResultTable.withColumns("part", "target", "sampler", "metric", "model", "rate", "ci_lower",
                "ci_upper", "r2", "window_first", "window_last", "points", "nominal", "verdict", "polylog_exponent");
        List<String> plots = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        double worstLoss = 0;
        List<String> lossy = new ArrayList<>();
        for (ResultTable.Row r : runs.rows()) {
            double lost = r.getDouble("lost_mass");
            if (!Double.isNaN(lost)) {
                worstLoss = Math.max(worstLoss, lost);
            }
            if (lost > HighAccuracy.MASS_TOLERANCE) {
                double tv = r.getDouble(tvColumn(r.get(HighAccuracy.PART)));
                lossy.add(String.format(Locale.ROOT, "%s (%s, %s, NFE %s) lost %.1e of its mass at the grid's edges "
                        + "(its TV is %.2e, %s)", r.get("sampler"), r.get(HighAccuracy.PART), r.get("target"),
                        ConvergenceStudy.trim(r.getDouble("nfe")), lost, tv, lost < 1e-2 * tv
                                ? "so the loss does not change it at the plotted precision"
                                : "so that TV is not trustworthy"));
            }
        }
        blocks.add(String.format(Locale.ROOT, "Largest mass lost or skipped by any exact evaluation: %.1e (grids of "
                + "%.0f points per smallest kernel standard deviation on [−%.0f, %.0f]).", worstLoss, ExactDensityMeasurement.POINTS_PER_STD,
                HighAccuracy.DOMAIN, HighAccuracy.DOMAIN));
        List<String> folded = new ArrayList<>();
        for (ResultTable.Row r : runs.rows()) {
            if (Double.isNaN(r.getDouble("tv"))) {
                folded.add(r.get("sampler") + " (" + r.get(HighAccuracy.PART) + ", " + r.get("target") + ", NFE "
                        + ConvergenceStudy.trim(r.getDouble("nfe")) + ")");
            }
        }
        if (!folded.isEmpty()) {
            findings.add("no exact error for " + String.join(", ", folded) + ": the sampler's whole-run map x_T → "
                    + "x_0 is not monotone there (it folds the line), so its output density has no change-of-variables "
                    + "form; these cells are left out of the fits.");
        }
        for (String l : lossy) {
            findings.add(l + " (mass tolerance " + String.format(Locale.ROOT, "%.0e", HighAccuracy.MASS_TOLERANCE) + ").");
        }
        for (String part : List.of(HighAccuracy.END_TO_END, HighAccuracy.FIXED_HORIZON)) {
            for (String target : HighAccuracy.TARGETS) {
                ResultTable group = Tables.where(Tables.where(runs, HighAccuracy.PART, part), "target", target);
                if (group.rows().isEmpty()) {
                    continue;
                }
                fits = analyseGroup(part, target, group, plotsDir, fits, plots, blocks, findings);
            }
        }
        fits = analyseScoreError(runs, plotsDir, fits, plots, blocks, findings);
        return new Analysis(fits, plots, blocks, findings);
    }

    /** sampler → (nfe → column value), cost-sorted. */
    static Map<String, TreeMap<Double, Double>> series(ResultTable group, String column) {
        Map<String, TreeMap<Double, Double>> s = new LinkedHashMap<>();
        for (ResultTable.Row r : group.rows()) {
            s.computeIfAbsent(r.get("sampler"), k -> new TreeMap<>()).put(r.getDouble("nfe"), r.getDouble(column));
        }
        return s;
    }

    private static ResultTable analyseGroup(String part, String target, ResultTable group, Path plotsDir, ResultTable fits,
            List<String> plots, List<String> blocks, List<String> findings) {
        String caption = part + ", " + target;
        String tvCol = tvColumn(part);
        String reference = HighAccuracy.FIXED_HORIZON.equals(part) ? "q_t₀" : "p₀";
        Map<String, TreeMap<Double, Double>> tv = series(group, tvCol);
        Map<String, TreeMap<Double, Double>> kl = series(group, klColumn(part));
        StringBuilder table = new StringBuilder("Fitted rates, " + caption + " (errors against " + reference
                + "):\n\n| sampler | metric | model | rate or order [95% CI] | R² | window (NFE) | nominal | verdict "
                + "| p in NFE ∝ log^p(1/TV) |\n|---|---|---|---|---|---|---|---|---|\n");
        ConvergencePlot semilog = ConvergencePlot.semilog("TV against score evaluations, " + caption, "expected score "
                + "evaluations per sample", "TV(" + reference + ", p̂)");
        ConvergencePlot logLog = ConvergencePlot.logLog("TV against score evaluations, " + caption, "expected score "
                + "evaluations per sample", "TV(" + reference + ", p̂)").referenceSlopes(Plots.REFERENCE_SLOPES);
        ConvergencePlot klPlot = ConvergencePlot.logLog("KL against score evaluations, " + caption, "expected score "
                + "evaluations per sample", "KL(" + reference + " ‖ p̂)").referenceSlopes(2, 4, 6);
        for (String metric : List.of("tv", "kl")) {
            Map<String, TreeMap<Double, Double>> data = metric.equals("tv") ? tv : kl;
            for (Map.Entry<String, TreeMap<Double, Double>> e : data.entrySet()) {
                String sampler = e.getKey();
                double[] x = keys(e.getValue());
                double[] y = values(e.getValue());
                boolean fors = sampler.startsWith("fors");
                double factor = metric.equals("tv") ? 1 : 2;
                OrderFitResult fit = fors ? ExponentialRateFit.fit(x, y, Double.NaN)
                        : OrderFit.fit(x, y, factor * Experiments.nominalOrder(sampler));
                double polylog = fors ? polylogExponent(x, y) : Double.NaN;
                fits = fits.withRow(fitRow(part, target, sampler, metric, fit, polylog));
                table.append(fitLine(sampler, metric, fit, polylog));
                if (metric.equals("tv")) {
                    semilog = fors ? semilog.series(sampler, x, y, fit) : semilog.series(sampler, x, y);
                    logLog = fors ? logLog.series(sampler, x, y) : logLog.series(sampler, x, y, fit);
                    if (fors) {
                        forsFindings(caption, sampler, x, y, fit, polylog, findings);
                    } else if (fit.verdict() == Verdict.ABOVE || fit.verdict() == Verdict.BELOW) {
                        findings.add(String.format(Locale.ROOT, "%s (%s): TV order %.2f [%.2f, %.2f] against NFE "
                                + "%s..%s, nominal %s (%s).", sampler, caption, fit.order(), fit.ciLower(),
                                fit.ciUpper(), ConvergenceStudy.trim(fit.window().firstX()),
                                ConvergenceStudy.trim(fit.window().lastX()), ConvergenceStudy.trim(fit.nominal()),
                                fit.verdict() == Verdict.BELOW ? "slower than nominal" : "faster than nominal"));
                    }
                } else {
                    klPlot = fors ? klPlot.series(sampler, x, y) : klPlot.series(sampler, x, y, fit);
                }
            }
        }
        String name = "high_accuracy_" + part + "_" + target;
        plots.add("plots/" + write(plotsDir, name + "_tv_semilog", semilog));
        plots.add("plots/" + write(plotsDir, name + "_tv_loglog", logLog));
        plots.add("plots/" + write(plotsDir, name + "_kl_loglog", klPlot));
        blocks.add(table.toString());
        blocks.add(matchedCost(caption, tv, findings));
        for (String suffix : List.of("_tv_semilog", "_tv_loglog", "_kl_loglog")) {
            blocks.add("![" + caption + suffix + "](plots/" + name + suffix + ".png)");
        }
        return fits;
    }

    /**
     * p in NFE ≈ C·log<sup>p</sup>(1/TV): the power-law fit of 1/NFE against ln(1/TV) over all points (sorted by
     * ln(1/TV), which must then increase strictly), or NaN when that is not possible.
     */
    static double polylogExponent(double[] nfe, double[] tv) {
        TreeMap<Double, Double> byLog = new TreeMap<>();
        for (int i = 0; i < nfe.length; i++) {
            if (tv[i] > 0 && tv[i] < 1 && Double.isFinite(tv[i])) {
                byLog.put(Math.log(1 / tv[i]), 1 / nfe[i]);
            }
        }
        if (byLog.size() < 2) {
            return Double.NaN;
        }
        OrderFitResult f = OrderFit.fitOver(keys(byLog), values(byLog), 0, byLog.size(), Double.NaN);
        return f.order();
    }

    private static void forsFindings(String caption, String sampler, double[] x, double[] y, OrderFitResult fit,
            double polylog, List<String> findings) {
        int n = x.length;
        if (n < 3) {
            return;
        }
        double first = -Math.log(y[1] / y[0]) / (x[1] - x[0]);
        double last = -Math.log(y[n - 1] / y[n - 2]) / (x[n - 1] - x[n - 2]);
        if (last < BENT_RATE_FRACTION * first) {
            findings.add(String.format(Locale.ROOT, "%s (%s): the semilog plot of TV against NFE is not a straight "
                    + "line (the spec's expectation): the local exponential rate falls from %.3g to %.3g per score "
                    + "evaluation between NFE %s and %s (R² of the exponential fit %.4f); over the ladder NFE grows "
                    + "like log^%.2f(1/TV) (p = 1 would be a straight semilog line).", sampler, caption, first, last,
                    ConvergenceStudy.trim(x[0]), ConvergenceStudy.trim(x[n - 1]), fit.rSquared(), polylog));
        }
    }

    /** The matched-cost table: each level of the first FORS series beside the baselines at the same NFE. */
    private static String matchedCost(String caption, Map<String, TreeMap<Double, Double>> tv, List<String> findings) {
        String fors = tv.containsKey(HighAccuracy.FORS_RESCALED) ? HighAccuracy.FORS_RESCALED
                : tv.keySet().stream().filter(s -> s.startsWith("fors")).findFirst().orElse(null);
        if (fors == null) {
            return "";
        }
        List<String> others = tv.keySet().stream().filter(s -> !s.startsWith("fors")).toList();
        StringBuilder sb = new StringBuilder("TV at matched cost, " + caption + " (baselines interpolated log-log "
                + "in NFE; — outside their NFE range" + (caption.startsWith(HighAccuracy.END_TO_END) ? "; the baselines run at "
                + "the deepest level's T and t_0, so at shallower levels they solve a more accurate problem than "
                + "FORS does: the like-for-like comparison is the fixed-horizon part" : "") + "):\n\n| NFE | " + fors
                + " |");
        others.forEach(o -> sb.append(' ').append(o).append(" |"));
        sb.append("\n|---|---|");
        others.forEach(o -> sb.append("---|"));
        sb.append('\n');
        double lastNfe = Double.NaN;
        double lastFors = Double.NaN;
        double bestOther = Double.NaN;
        String bestName = null;
        for (Map.Entry<Double, Double> e : tv.get(fors).entrySet()) {
            sb.append(String.format(Locale.ROOT, "| %.0f | %.2e |", e.getKey(), e.getValue()));
            lastNfe = e.getKey();
            lastFors = e.getValue();
            bestOther = Double.NaN;
            for (String o : others) {
                double v = interpolateLogLog(tv.get(o), e.getKey());
                sb.append(Double.isNaN(v) ? " — |" : String.format(Locale.ROOT, " %.2e |", v));
                if (!Double.isNaN(v) && !(v >= bestOther)) {
                    bestOther = v;
                    bestName = o;
                }
            }
            sb.append('\n');
        }
        if (!Double.isNaN(bestOther)) {
            StringBuilder reach = new StringBuilder();
            for (String o : others) {
                double n = nfeToReach(tv.get(o), lastFors);
                reach.append(reach.length() == 0 ? "" : ", ").append(o).append(Double.isNaN(n)
                        ? " not within NFE " + ConvergenceStudy.trim(tv.get(o).lastKey())
                        : String.format(Locale.ROOT, " at NFE %.0f", n));
            }
            findings.add(String.format(Locale.ROOT, "%s (%s): at %.0f expected score evaluations FORS reaches TV "
                    + "%.2e; the best baseline at that NFE, %s, reaches %.2e (%.3g× %s). The same TV is reached by "
                    + "%s.", fors, caption, lastNfe, lastFors, bestName, bestOther,
                    lastFors < bestOther ? bestOther / lastFors : lastFors / bestOther,
                    lastFors < bestOther ? "worse" : "better", reach));
        }
        return sb.toString();
    }

    /** The smallest NFE at which a series first falls to {@code level} (log-log interpolation), NaN if never. */
    static double nfeToReach(TreeMap<Double, Double> s, double level) {
        Map.Entry<Double, Double> previous = null;
        for (Map.Entry<Double, Double> e : s.entrySet()) {
            if (!(e.getValue() > 0)) {
                continue;
            }
            if (e.getValue() <= level) {
                if (previous == null) {
                    return e.getKey();
                }
                double w = Math.log(level / previous.getValue()) / Math.log(e.getValue() / previous.getValue());
                return Math.exp((1 - w) * Math.log(previous.getKey()) + w * Math.log(e.getKey()));
            }
            previous = e;
        }
        return Double.NaN;
    }

    /** y at x by linear interpolation of log y on log x; NaN outside the series' range. */
    static double interpolateLogLog(TreeMap<Double, Double> s, double x) {
        Map.Entry<Double, Double> lo = s.floorEntry(x);
        Map.Entry<Double, Double> hi = s.ceilingEntry(x);
        if (lo == null || hi == null || !(lo.getValue() > 0) || !(hi.getValue() > 0)) {
            return Double.NaN;
        }
        if (lo.getKey().equals(hi.getKey())) {
            return lo.getValue();
        }
        double w = Math.log(x / lo.getKey()) / Math.log(hi.getKey() / lo.getKey());
        return Math.exp((1 - w) * Math.log(lo.getValue()) + w * Math.log(hi.getValue()));
    }

    private static ResultTable analyseScoreError(ResultTable runs, Path plotsDir, ResultTable fits, List<String> plots,
            List<String> blocks, List<String> findings) {
        ResultTable perturbed = Tables.where(runs, HighAccuracy.PART, HighAccuracy.SCORE_ERROR_PART);
        if (perturbed.rows().isEmpty()) {
            return fits;
        }
        Map<String, TreeMap<Double, Double>> byEta = new LinkedHashMap<>();
        ResultTable clean = Tables.where(Tables.where(Tables.where(runs, HighAccuracy.PART, HighAccuracy.END_TO_END), "target",
                HighAccuracy.SCORE_ERROR_TARGET), "sampler", HighAccuracy.FORS_RESCALED);
        for (ResultTable.Row r : clean.rows()) {
            byEta.computeIfAbsent("eta=0", k -> new TreeMap<>()).put(r.getDouble("nfe"), r.getDouble("tv"));
        }
        TreeMap<Double, TreeMap<Double, Double>> numeric = new TreeMap<>();
        for (ResultTable.Row r : perturbed.rows()) {
            double eta = r.getDouble(HighAccuracy.SCORE_ERROR);
            numeric.computeIfAbsent(eta, k -> new TreeMap<>()).put(r.getDouble("nfe"), r.getDouble("tv"));
        }
        StringBuilder table = new StringBuilder("FORS (" + HighAccuracy.FORS_RESCALED + ", " + HighAccuracy.SCORE_ERROR_TARGET + ") with a score "
                + "error of size η (PerturbedScoreTarget):\n\n| η | TV at the deepest level | TV/η | TV ratio of the "
                + "last two levels |\n|---|---|---|---|\n");
        for (Map.Entry<Double, TreeMap<Double, Double>> e : numeric.entrySet()) {
            byEta.put("eta=" + ConvergenceStudy.trim(e.getKey()), e.getValue());
            TreeMap<Double, Double> s = e.getValue();
            double last = s.lastEntry().getValue();
            Map.Entry<Double, Double> before = s.lowerEntry(s.lastKey());
            double ratio = before == null ? Double.NaN : last / before.getValue();
            table.append(String.format(Locale.ROOT, "| %s | %.3e | %.3f | %.3f |%n", ConvergenceStudy.trim(e.getKey()),
                    last, last / e.getKey(), ratio));
            TreeMap<Double, Double> cleanSeries = byEta.get("eta=0");
            double cleanAtEnd = cleanSeries == null ? Double.NaN : interpolateLogLog(cleanSeries, s.lastKey());
            findings.add(String.format(Locale.ROOT, "FORS with a score error η = %s: TV %.2e at %.0f score evaluations "
                    + "(TV/η = %.3f; last level / previous level = %.3f%s), where the exact score gives %s.",
                    ConvergenceStudy.trim(e.getKey()), last, s.lastKey(), last / e.getKey(), ratio,
                    ratio > 0.5 ? ": a plateau" : ": still falling",
                    Double.isNaN(cleanAtEnd) ? "no comparable point" : String.format(Locale.ROOT, "%.2e", cleanAtEnd)));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("part", HighAccuracy.SCORE_ERROR_PART);
            row.put("target", HighAccuracy.SCORE_ERROR_TARGET);
            row.put("sampler", HighAccuracy.FORS_RESCALED + "(eta=" + ConvergenceStudy.trim(e.getKey()) + ")");
            row.put("metric", "tv_floor");
            row.put("model", "plateau");
            row.put("rate", last);
            fits = fits.withRow(row);
        }
        ConvergencePlot p = ConvergencePlot.semilog("FORS TV under a score error η, " + HighAccuracy.SCORE_ERROR_TARGET,
                "expected score evaluations per sample", "TV(p₀, p̂)");
        for (Map.Entry<String, TreeMap<Double, Double>> e : byEta.entrySet()) {
            p = p.series(e.getKey(), keys(e.getValue()), values(e.getValue()));
        }
        String file = write(plotsDir, "high_accuracy_score_error", p);
        plots.add("plots/" + file);
        blocks.add(table.toString());
        blocks.add("![score error](plots/" + file + ")");
        return fits;
    }

    private static Map<String, Object> fitRow(String part, String target, String sampler, String metric,
            OrderFitResult f, double polylog) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("part", part);
        row.put("target", target);
        row.put("sampler", sampler);
        row.put("metric", metric);
        row.put("model", f.model());
        row.put("rate", f.order());
        row.put("ci_lower", f.ciLower());
        row.put("ci_upper", f.ciUpper());
        row.put("r2", f.rSquared());
        row.put("window_first", f.window().firstX());
        row.put("window_last", f.window().lastX());
        row.put("points", f.points());
        row.put("nominal", f.nominal());
        row.put("verdict", f.verdict());
        row.put("polylog_exponent", polylog);
        return row;
    }

    private static String fitLine(String sampler, String metric, OrderFitResult f, double polylog) {
        boolean exponential = sampler.startsWith("fors");
        String value = Double.isNaN(f.order()) ? "-" : String.format(Locale.ROOT, exponential ? "%.4g" : "%.3f",
                f.order());
        String ci = Double.isNaN(f.ciLower()) ? "" : String.format(Locale.ROOT, exponential ? " [%.4g, %.4g]"
                : " [%.3f, %.3f]", f.ciLower(), f.ciUpper());
        return String.format(Locale.ROOT, "| %s | %s | %s | %s%s | %.4f | %s..%s | %s | %s | %s |%n", sampler, metric,
                exponential ? "e^{-r·NFE}" : "NFE^{-p}", value, ci, f.rSquared(),
                ConvergenceStudy.trim(f.window().firstX()), ConvergenceStudy.trim(f.window().lastX()),
                ConvergenceStudy.trim(f.nominal()), f.verdict(), Double.isNaN(polylog) ? "-"
                        : String.format(Locale.ROOT, "%.2f", polylog));
    }

    /** Writes the plot in every figure format of {@link Plots#FORMATS} (PNG and PDF) and returns the PNG's name. */
    private static String write(Path dir, String name, ConvergencePlot plot) {
        try {
            plot.styles(Plots.STYLES).figure().write(dir.resolve(name), Plots.FORMATS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + dir.resolve(name), e);
        }
        return name + ".png";
    }

    static double[] keys(TreeMap<Double, Double> m) {
        return m.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] values(TreeMap<Double, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
