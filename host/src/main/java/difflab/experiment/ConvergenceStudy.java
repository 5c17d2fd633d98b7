package difflab.experiment;

import difflab.analysis.fit.OrderFit;
import difflab.analysis.fit.OrderFitResult;
import difflab.analysis.fit.Verdict;
import difflab.analysis.io.ResultTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The analysis shared by convergence experiments: runs are grouped (e.g. by target and grid), each group has one
 * series per sampler of error against cost (NFE, steps or T), every series gets an {@link OrderFit} over its
 * automatically chosen asymptotic window, and each group gets a log-log plot and a table of measured against
 * nominal orders. Series whose verdict is not {@link Verdict#MATCHES} become findings.
 */
public final class ConvergenceStudy {
    /** Columns of fits.csv after the group columns. */
    public static final List<String> FIT_COLUMNS = List.of("sampler", "nominal", "order", "ci_lower", "ci_upper",
            "r2", "window_first", "window_last", "points", "verdict");

    private final List<String> groupColumns;
    private final String xColumn;
    private final String yColumn;
    private final String xLabel;
    private final String yLabel;
    private final ToDoubleFunction<String> nominal;

    /**
     * @param groupColumns columns whose values split runs into separate fits and plots
     * @param xColumn      the cost column (e.g. {@code nfe})
     * @param yColumn      the error column
     * @param xLabel       axis label for the cost
     * @param yLabel       axis label for the error
     * @param nominal      the claimed rate of a sampler id (NaN for none), in the units of this error
     */
    public ConvergenceStudy(List<String> groupColumns, String xColumn, String yColumn, String xLabel, String yLabel,
            ToDoubleFunction<String> nominal) {
        this.groupColumns = List.copyOf(groupColumns);
        this.xColumn = xColumn;
        this.yColumn = yColumn;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.nominal = nominal;
    }

    /** One fitted series. */
    public record FittedSeries(Map<String, String> group, String sampler, double[] x, double[] y, OrderFitResult fit) {
    }

    /** Groups, sorts by cost and fits every (group, sampler) series. */
    public List<FittedSeries> fit(ResultTable runs) {
        Map<List<String>, Map<String, TreeMap<Double, Double>>> data = new LinkedHashMap<>();
        Map<List<String>, Map<String, String>> groupValues = new LinkedHashMap<>();
        for (ResultTable.Row r : runs.rows()) {
            List<String> key = r.key(groupColumns);
            Map<String, String> g = new LinkedHashMap<>();
            for (String c : groupColumns) {
                g.put(c, r.get(c));
            }
            groupValues.putIfAbsent(key, g);
            double x = r.getDouble(xColumn);
            double y = r.getDouble(yColumn);
            data.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(r.get("sampler"), k -> new TreeMap<>())
                    .put(x, y);
        }
        List<FittedSeries> out = new ArrayList<>();
        data.forEach((key, bySampler) -> bySampler.forEach((sampler, points) -> {
            double[] x = points.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = points.values().stream().mapToDouble(Double::doubleValue).toArray();
            OrderFitResult fit = OrderFit.fit(x, y, nominal.applyAsDouble(sampler));
            out.add(new FittedSeries(groupValues.get(key), sampler, x, y, fit));
        }));
        return out;
    }

    /** fits.csv, one plot per group, a Markdown table per group and findings. */
    public Analysis analyse(ResultTable runs, Path plotsDir, String plotPrefix) {
        List<FittedSeries> series = fit(runs);
        List<String> cols = new ArrayList<>(groupColumns);
        cols.addAll(FIT_COLUMNS);
        ResultTable fits = ResultTable.withColumns(cols);
        List<String> plots = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        Map<Map<String, String>, List<FittedSeries>> byGroup = new LinkedHashMap<>();
        for (FittedSeries s : series) {
            byGroup.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
            Map<String, Object> row = new LinkedHashMap<>(s.group());
            OrderFitResult f = s.fit();
            row.put("sampler", s.sampler());
            row.put("nominal", f.nominal());
            row.put("order", f.order());
            row.put("ci_lower", f.ciLower());
            row.put("ci_upper", f.ciUpper());
            row.put("r2", f.rSquared());
            row.put("window_first", f.window().firstX());
            row.put("window_last", f.window().lastX());
            row.put("points", f.points());
            row.put("verdict", f.verdict());
            fits = fits.withRow(row);
            if (f.verdict() == Verdict.ABOVE || f.verdict() == Verdict.BELOW) {
                findings.add(String.format(Locale.ROOT, "%s (%s): measured %s %.2f [%.2f, %.2f] over %s %s..%s, "
                        + "nominal %s — %s.", s.sampler(), describe(s.group()), yLabel, f.order(), f.ciLower(),
                        f.ciUpper(), xLabel, trim(f.window().firstX()), trim(f.window().lastX()), trim(f.nominal()),
                        f.verdict() == Verdict.BELOW ? "below the claim" : "above the claim"));
            }
        }
        for (Map.Entry<Map<String, String>, List<FittedSeries>> e : byGroup.entrySet()) {
            String name = plotPrefix + fileSafe(e.getKey());
            String plot = Plots.convergence(plotsDir, name, describe(e.getKey()), xColumn, yColumn,
                    e.getValue());
            plots.add("plots/" + plot);
            blocks.add(Plots.orderTable(describe(e.getKey()), xLabel, e.getValue()) + "\n\n![" + describe(e.getKey())
                    + "](plots/" + plot + ")\n");
        }
        return new Analysis(fits, plots, blocks, findings);
    }

    static String describe(Map<String, String> group) {
        StringBuilder sb = new StringBuilder();
        group.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    static String fileSafe(Map<String, String> group) {
        StringBuilder sb = new StringBuilder();
        group.values().forEach(v -> sb.append(sb.length() == 0 ? "" : "_").append(v.replaceAll("[^A-Za-z0-9.-]+", "-")));
        return sb.toString().replaceAll("-+", "-");
    }

    static String trim(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
