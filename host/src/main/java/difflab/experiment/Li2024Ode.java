package difflab.experiment;

import difflab.analysis.io.ResultTable;
import difflab.run.Backend;
import difflab.sampler.registry.SamplerRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code li2024-ode}: the accelerated deterministic sampler of Li et al. (ICML 2024), in the official-code form and
 * the paper-form reconstruction, against DDIM and the DDIM-type baseline, under the Li et al. learning-rate schedule
 * (c0 = 2, c1 = 6) whose T steps are the sampler's steps: pathwise error at X_1 against T, and on the Gaussian
 * target also the exact KL(q ‖ p<sub>alg</sub>) of the output law at the same grid's end ({@link ExactKlMeasurement},
 * nominal rate 2 × the order).
 */
public final class Li2024Ode implements Experiment {
    static final List<String> SAMPLERS = List.of("ddim", "li-ddim-type", "li-ode-code", "li-ode-paper");
    static final int[] T_VALUES = {25, 50, 100, 200, 400, 800, 1600};
    static final int QUICK_MAX_T = 400;

    private final PathErrorMeasurement measurement = new PathErrorMeasurement();

    @Override
    public String id() {
        return "li2024-ode";
    }

    @Override
    public String title() {
        return "Li et al. (ICML 2024) accelerated ODE sampler against DDIM";
    }

    @Override
    public String claim() {
        return "Li, Huang, Efimov, Wei, Chi, Chen (ICML 2024): the accelerated deterministic sampler converges as "
                + "O(1/T²) against O(1/T) for DDIM-type samplers (abstract; TV bound).";
    }

    @Override
    public String howToRead() {
        return "Log-log plots of RMS pathwise error at X_1 against the number of steps T (the schedule changes with T), "
                + "and against T/ln T (the inverse step size of the schedule's plateau); the tables give fitted rates "
                + "against the nominal ones. li-ode-paper costs 2 NFE per step.";
    }

    @Override
    public List<Cell> cells(Scale scale) {
        List<Cell> cells = new ArrayList<>();
        for (String s : SAMPLERS) {
            if (!SamplerRegistry.ids().contains(s)) {
                continue;
            }
            for (String[] t : new String[][] {{"gaussian-full", "4", "1"}, {"gmm", "2", "4"}}) {
                for (int steps : T_VALUES) {
                    if (scale == Scale.QUICK && steps > QUICK_MAX_T) {
                        continue;
                    }
                    cells.add(Cell.of(s, "li", "uniform-t", steps, t[0], Integer.parseInt(t[1]), Integer.parseInt(t[2]),
                            32, 1).with("lof", "off"));
                }
            }
        }
        return cells;
    }

    /** Metric columns: NFE, error, and T/ln T (the inverse of the plateau step size c1·ln T/T, up to c1). */
    static final List<String> METRICS = List.of("nfe", "error", "t_over_log_t");

    @Override
    public List<String> metricColumns() {
        List<String> cols = new ArrayList<>(METRICS);
        cols.add("kl");
        return cols;
    }

    @Override
    public Map<String, Object> measure(Cell cell, Backend backend) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(measurement.measure(cell, backend));
        m.put("t_over_log_t", cell.steps() / Math.log(cell.steps()));
        m.put("kl", Double.NaN);
        if (cell.target().startsWith("gaussian")) {
            m.put("kl", ExactKlMeasurement.measure(cell, Cells.context(cell)).get("kl"));
        }
        return m;
    }

    @Override
    public Analysis analyse(ResultTable runs, Path plotsDir) {
        Analysis inT = new ConvergenceStudy(List.of("target", "dim"), "steps", "error", "T", "rate in T",
                Experiments::nominalOrder).analyse(runs, plotsDir, "li_ode_");
        Analysis inStep = new ConvergenceStudy(List.of("target", "dim"), "t_over_log_t", "error", "T/ln T",
                "rate in the step size ln T/T", Experiments::nominalOrder).analyse(runs, plotsDir, "li_ode_step_");
        List<String> blocks = new java.util.ArrayList<>();
        blocks.add("Rates against T:");
        blocks.addAll(inT.reportBlocks());
        blocks.add("Rates against T/ln T: the schedule's plateau step is c1·ln T/T, so a method of order p in its step "
                + "size shows slope p against T/ln T but only about p·(1 − 1/ln T) against T.");
        blocks.addAll(inStep.reportBlocks());
        List<String> plots = new java.util.ArrayList<>(inT.plots());
        plots.addAll(inStep.plots());
        List<String> findings = new java.util.ArrayList<>(inT.findings());
        findings.addAll(inStep.findings());
        if (runs.columns().contains("kl")) {
            ResultTable gaussian = Tables.where(runs, "target", "gaussian-full");
            Analysis kl = new ConvergenceStudy(List.of("target", "dim"), "steps", "kl", "T", "KL rate in T",
                    s -> 2 * Experiments.nominalOrder(s)).analyse(gaussian, plotsDir, "li_ode_kl_");
            Analysis klStep = new ConvergenceStudy(List.of("target", "dim"), "t_over_log_t", "kl", "T/ln T",
                    "KL rate in the step size ln T/T", s -> 2 * Experiments.nominalOrder(s))
                    .analyse(gaussian, plotsDir, "li_ode_kl_step_");
            blocks.add("Exact KL(q || p) of the output law on the Gaussian (nominal 2 × order), against T and T/ln T:");
            blocks.addAll(kl.reportBlocks());
            blocks.addAll(klStep.reportBlocks());
            plots.addAll(kl.plots());
            plots.addAll(klStep.plots());
            findings.addAll(kl.findings());
            findings.addAll(klStep.findings());
        }
        return new Analysis(inT.fits(), plots, blocks, findings);
    }
}
