package difflab.experiment;

import difflab.analysis.io.ResultTable;
import difflab.run.Backend;
import difflab.sampler.Sampler;
import difflab.sampler.registry.SamplerRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code scire-few-steps}: the SciRE-Solver variants (v1/v2, singlestep/multistep, official φ and φ = 1) against
 * DPM-Solver++ from 6 to 20 NFE on SciRE's NSR grid and the uniform log-SNR grid, as registered (their default
 * warm-up and lower-order-final), and asymptotically (steps 32 to 512 on the log-SNR grid, lower-order-final off)
 * with fitted orders.
 */
public final class ScireFewSteps implements Experiment {
    static final List<String> BASELINES = List.of("dpmpp-2s", "dpmpp-3s", "dpmpp-2m", "dpmpp-3m", "unipc-bh2-2",
            "unipc-bh1-3", "deis-tab3");
    static final int MIN_NFE = 6;
    static final int MAX_NFE = 20;

    private final PathErrorMeasurement measurement = new PathErrorMeasurement();

    @Override
    public String id() {
        return "scire-few-steps";
    }

    @Override
    public String title() {
        return "SciRE-Solver against DPM-Solver++ at few steps and asymptotically";
    }

    @Override
    public String claim() {
        return "SciRE-Solver (Li, Chen, Zeng 2023) claims a convergence-order guarantee and state-of-the-art few-step "
                + "quality; its README recommends the multistep v2-3M at 6 steps.";
    }

    @Override
    public String howToRead() {
        return "Few-step plots: RMS pathwise error against NFE (6 to 20) per grid. Asymptotic plot and table: fitted "
                + "orders over steps 32 to 512 against each sampler's nominal order.";
    }

    private static List<String> samplers() {
        List<String> ids = new ArrayList<>();
        for (String id : SamplerRegistry.ids()) {
            if (id.startsWith("scire-") || BASELINES.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Override
    public List<Cell> cells(Scale scale) {
        List<Cell> cells = new ArrayList<>();
        for (String id : samplers()) {
            Sampler s = SamplerRegistry.byId(id);
            int e = s.evaluationsPerStep();
            for (String grid : List.of("nsr", "logsnr")) {
                for (int nfe = MIN_NFE; nfe <= MAX_NFE; nfe++) {
                    if (nfe % e == 0 && (scale == Scale.FULL || nfe % 2 == 0 || e == 3)) {
                        cells.add(Cell.of(id, "linear-vp", grid, nfe / e, "gmm", 2, 4, 64, 1).with("regime", "few"));
                    }
                }
            }
            int maxPower = scale == Scale.QUICK ? 7 : 9;
            for (int p = 5; p <= maxPower; p++) {
                cells.add(Cell.of(id, "linear-vp", "logsnr", 1 << p, "gmm", 2, 4, 32, 1).with("regime", "asymptotic")
                        .with("lof", "off"));
            }
        }
        return cells;
    }

    @Override
    public List<String> metricColumns() {
        return PathErrorMeasurement.METRICS;
    }

    @Override
    public Map<String, Object> measure(Cell cell, Backend backend) {
        return measurement.measure(cell, backend);
    }

    @Override
    public Analysis analyse(ResultTable runs, Path plotsDir) {
        ResultTable asymptotic = Tables.where(runs, "regime", "asymptotic");
        Analysis orders = new ConvergenceStudy(List.of("target", "dim"), "nfe", "error", "NFE", "order",
                Experiments::nominalOrder).analyse(asymptotic, plotsDir, "asymptotic_");
        List<String> plots = new ArrayList<>(orders.plots());
        List<String> blocks = new ArrayList<>();
        Map<String, Map<String, TreeMap<Double, Double>>> few = new LinkedHashMap<>();
        for (ResultTable.Row r : Tables.where(runs, "regime", "few").rows()) {
            few.computeIfAbsent(r.get("grid"), g -> new LinkedHashMap<>())
                    .computeIfAbsent(r.get("sampler"), s -> new TreeMap<>()).put(r.getDouble("nfe"), r.getDouble("error"));
        }
        for (Map.Entry<String, Map<String, TreeMap<Double, Double>>> e : few.entrySet()) {
            String plot = "plots/" + Plots.errorPlot(plotsDir, "few_steps_" + e.getKey(), "GMM d=2, grid " + e.getKey(),
                    "NFE", Plots.quantity("error"), e.getValue());
            plots.add(plot);
            blocks.add(Tables.bestAt(e.getValue(), "grid " + e.getKey()) + "\n\n![" + e.getKey() + "](" + plot + ")\n");
        }
        blocks.addAll(orders.reportBlocks());
        return new Analysis(orders.fits(), plots, blocks, orders.findings());
    }
}
