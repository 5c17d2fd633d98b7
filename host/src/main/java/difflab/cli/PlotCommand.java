package difflab.cli;

import difflab.analysis.fit.OrderFit;
import difflab.analysis.io.ResultTable;
import difflab.analysis.plot.Figure;
import difflab.analysis.plot.FigureFormat;
import difflab.analysis.plot.FigureSize;
import difflab.experiment.Experiments;
import difflab.experiment.Plots;
import difflab.experiment.SamplerFamilies;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code difflab plot}: redraws a convergence figure from a runs.csv, without code and without sampling. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Redraw a convergence figure from a runs.csv (PNG, SVG, PDF at paper sizes).",
            "One series per sampler, panels by sampler family, each series fitted over its automatic asymptotic",
            "window (filled markers inside, hollow outside).",
            "Rows that differ in a setting column (target, dim, grid, ...) go to separate figures unless --where",
            "picks one."},
        footer = {"", "Examples:",
            "  ./difflab plot ode-orders --where target=gmm --where dim=2 --family DPM-Solver++ --format pdf --size single",
            "  ./difflab plot results/li2024-sde/runs.csv --metric kl --x steps --samplers li-sde,ddpm-li",
            "  ./difflab plot ode-orders --x steps --samplers dpmpp-2m,res-2s,heun --out figs/three"})
final class PlotCommand implements Callable<Integer> {
    /** runs.csv columns that are never settings to split by. */
    private static final Set<String> NOT_SETTINGS = Set.of("sampler", "steps", "seed", "particles", "backend",
            "precision", "device", "git_commit");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUNS", description = "A runs.csv, a folder holding one, or an experiment id "
            + "(its runs.csv under results/).")
    String source;

    @Option(names = "--metric", paramLabel = "COLUMN", description = "The y quantity: a runs.csv column such as "
            + "error, kl, kl_log_corrected, tv1, tv2. Default: error if present, else kl.")
    String metric;

    @Option(names = "--x", paramLabel = "COLUMN", defaultValue = "nfe", description = "The x quantity: nfe, steps "
            + "or another numeric column. Default: ${DEFAULT-VALUE}.")
    String xColumn;

    @Option(names = "--samplers", split = ",", paramLabel = "ID", description = "Only these sampler ids.")
    List<String> samplers = List.of();

    @Option(names = "--family", paramLabel = "NAME", description = "Only samplers of these families (repeatable; "
            + "e.g. DPM-Solver++, RES, \"SciRE v1\"); `./difflab plot RUNS --family help` lists them.")
    List<String> families = List.of();

    @Option(names = "--where", paramLabel = "COLUMN=VALUE", description = "Only rows with this value (repeatable).")
    List<String> where = List.of();

    @Option(names = "--format", split = ",", paramLabel = "FMT", defaultValue = "png,svg,pdf",
            description = "Output formats: png, svg, pdf. Default: ${DEFAULT-VALUE}.")
    List<String> formats;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "double", description = "single (3.3 in), double "
            + "(6.9 in) or a width in inches such as 5in. Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--dpi", defaultValue = "300", description = "PNG resolution. Default: ${DEFAULT-VALUE}.")
    int dpi;

    @Option(names = "--title", description = "Figure title. Default: the settings of the rows drawn.")
    String title;

    @Option(names = "--out", paramLabel = "PATH", description = "Output path without extension (folders are made). "
            + "Default: <experiment>_<metric>_vs_<x> in the current folder.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Path csv = runsFile(source);
        ResultTable runs = ResultTable.readCsv(csv);
        List<String> columns = runs.columns();
        String y = metric != null ? metric : columns.contains("error") ? "error" : "kl";
        requireColumn(columns, y, "--metric");
        requireColumn(columns, xColumn, "--x");
        List<FigureFormat> fmts = formats.stream().map(FigureFormat::parse).distinct().toList();
        FigureSize figureSize = FigureSize.parse(size, dpi);
        List<ResultTable.Row> rows = filter(runs, columns);
        List<String> settings = varyingSettings(rows, columns, y);
        Map<List<String>, Map<String, TreeMap<Double, Double>>> groups = new LinkedHashMap<>();
        for (ResultTable.Row r : rows) {
            double xv = r.getDouble(xColumn);
            double yv = r.getDouble(y);
            if (!(Double.isFinite(xv) && xv > 0 && Double.isFinite(yv) && yv > 0)) {
                continue; // not drawable on log axes (e.g. a metric this row's part does not measure)
            }
            groups.computeIfAbsent(settings.isEmpty() ? List.of() : r.key(settings), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.get("sampler"), k -> new TreeMap<>()).put(xv, yv);
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("--metric " + y + ": no selected row has a finite, positive value to "
                    + "draw on log axes");
        }
        String experiment = csv.toAbsolutePath().getParent().getFileName().toString();
        Path base = out != null ? out : Path.of(experiment + "_" + y + "_vs_" + xColumn);
        for (Map.Entry<List<String>, Map<String, TreeMap<Double, Double>>> g : groups.entrySet()) {
            List<Figure.Series> series = new ArrayList<>();
            g.getValue().forEach((sampler, points) -> {
                double[] x = points.keySet().stream().mapToDouble(Double::doubleValue).toArray();
                double[] v = points.values().stream().mapToDouble(Double::doubleValue).toArray();
                series.add(new Figure.Series(sampler, x, v, OrderFit.fit(x, v, Plots.nominal(sampler, y))));
            });
            String describe = describe(settings, g.getKey());
            Figure figure = Figure.of(Figure.Axes.LOG_LOG, Plots.isKl(y) ? Figure.Rate.KL_SLOPE : Figure.Rate.ORDER,
                    title != null ? title : describe, Plots.quantity(xColumn), Plots.quantity(y)).styles(Plots.STYLES)
                    .size(figureSize).panels(series, SamplerFamilies::of);
            Path target = groups.size() == 1 ? base
                    : base.resolveSibling(base.getFileName() + "_" + String.join("_", g.getKey())
                            .replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("-+$", ""));
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            for (Path p : figure.write(target, fmts)) {
                stdout.println("wrote " + p + " (" + series.size() + " series in " + figure.panels().size()
                        + " panel(s)" + (describe.isEmpty() ? "" : ", " + describe) + ")");
            }
        }
        stdout.flush();
        return 0;
    }

    private static Path runsFile(String source) {
        Path p = Path.of(source);
        if (Files.isRegularFile(p)) {
            return p;
        }
        if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("runs.csv"))) {
            return p.resolve("runs.csv");
        }
        if (Experiments.ids().contains(source) && Files.isRegularFile(Paths.resultsRoot().resolve(source)
                .resolve("runs.csv"))) {
            return Paths.resultsRoot().resolve(source).resolve("runs.csv");
        }
        throw new IllegalArgumentException("RUNS '" + source + "' is not a runs.csv, a folder holding one, or an "
                + "experiment with results; experiments: " + String.join(", ", Experiments.ids()));
    }

    private static void requireColumn(List<String> columns, String column, String option) {
        if (!columns.contains(column)) {
            throw new IllegalArgumentException(option + " '" + column + "' is not a column of this runs.csv; "
                    + "columns: " + String.join(", ", columns));
        }
    }

    private List<ResultTable.Row> filter(ResultTable runs, List<String> columns) {
        Map<String, String> conditions = new LinkedHashMap<>();
        for (String w : where) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--where '" + w + "' is not accepted; give COLUMN=VALUE, e.g. "
                        + "target=gmm");
            }
            requireColumn(columns, w.substring(0, eq), "--where");
            conditions.put(w.substring(0, eq), w.substring(eq + 1));
        }
        Set<String> present = new LinkedHashSet<>();
        for (ResultTable.Row r : runs.rows()) {
            present.add(r.get("sampler"));
        }
        for (String s : samplers) {
            if (!present.contains(s)) {
                throw new IllegalArgumentException("--samplers: '" + s + "' has no rows in this runs.csv; samplers "
                        + "there: " + String.join(", ", present));
            }
        }
        Set<String> familiesThere = new LinkedHashSet<>();
        present.forEach(s -> familiesThere.add(SamplerFamilies.of(s)));
        for (String f : families) {
            if (familiesThere.stream().noneMatch(f::equalsIgnoreCase)) {
                throw new IllegalArgumentException("--family '" + f + "' has no samplers in this runs.csv; families "
                        + "there: " + String.join(", ", familiesThere));
            }
        }
        List<ResultTable.Row> kept = new ArrayList<>();
        for (ResultTable.Row r : runs.rows()) {
            String sampler = r.get("sampler");
            boolean ok = (samplers.isEmpty() || samplers.contains(sampler))
                    && (families.isEmpty() || families.stream().anyMatch(SamplerFamilies.of(sampler)::equalsIgnoreCase));
            for (Map.Entry<String, String> c : conditions.entrySet()) {
                ok &= c.getValue().equals(r.get(c.getKey()));
            }
            if (ok) {
                kept.add(r);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no row of this runs.csv matches --samplers " + samplers + ", --family "
                    + families + " and --where " + where);
        }
        return kept;
    }

    /** The setting columns (those before nfe in runs.csv) whose value varies among the rows, except x and y. */
    private List<String> varyingSettings(List<ResultTable.Row> rows, List<String> columns, String y) {
        int end = columns.contains("nfe") ? columns.indexOf("nfe") : columns.size();
        List<String> out = new ArrayList<>();
        for (String c : columns.subList(0, end)) {
            if (NOT_SETTINGS.contains(c) || c.equals(xColumn) || c.equals(y)) {
                continue;
            }
            if (rows.stream().map(r -> r.get(c)).distinct().count() > 1) {
                out.add(c);
            }
        }
        return out;
    }

    private static String describe(List<String> columns, List<String> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            parts.add(columns.get(i) + "=" + values.get(i));
        }
        return String.join(", ", parts);
    }
}
