package difflab.experiment;

import difflab.analysis.io.ResultTable;
import difflab.run.Backend;
import difflab.sampler.Sampler;
import difflab.sampler.registry.SamplerRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ode-orders}: pathwise error against NFE for every deterministic sampler on the uniform log-SNR grid of the
 * linear VP schedule (t from 1 to 1e-3), on an anisotropic rotated Gaussian (exact flow) and on Gaussian mixtures in
 * d = 2 and d = 64 (Dormand–Prince 8(5,3) reference at 1e-12), with the fitted order against the nominal one.
 * Multistep samplers run with lower-order-final off (docs/ALGORITHMS.md §7.6).
 */
public final class OdeOrders implements Experiment {
    private final PathErrorMeasurement measurement = new PathErrorMeasurement();

    @Override
    public String id() {
        return "ode-orders";
    }

    @Override
    public String title() {
        return "Convergence orders of the deterministic samplers";
    }

    @Override
    public String claim() {
        return "Each solver's global pathwise error decays as NFE^-p with its nominal order p (docs/ALGORITHMS.md §7.4: DDIM 1; "
                + "DPM-Solver-2/++(2S)/(2M)/RES-2S/2M and Heun 2; DPM-Solver-3/++(3S)/(3M)/RES-3S 3; SciRE and the "
                + "Li et al. accelerated ODE as claimed by their authors).";
    }

    @Override
    public String howToRead() {
        return "Log-log plots of RMS pathwise error at t_0 against NFE, one line per sampler; dashed lines are "
                + "reference slopes NFE^-1, NFE^-2, NFE^-3. The legend gives the order fitted over the automatically "
                + "chosen asymptotic window; the table compares it with the nominal order (95% confidence interval).";
    }

    @Override
    public List<Cell> cells(Scale scale) {
        int maxPower = scale == Scale.QUICK ? 8 : 10;
        List<Cell> cells = new ArrayList<>();
        String[][] targets = {{"gaussian-full", "4", "1", "32"}, {"gmm", "2", "4", "32"}, {"gmm", "64", "16", "16"}};
        for (Sampler s : SamplerRegistry.all()) {
            if (s.stochastic()) {
                continue;
            }
            for (String[] t : targets) {
                for (int p = 2; p <= maxPower; p++) {
                    cells.add(Cell.of(s.id(), "linear-vp", "logsnr", 1 << p, t[0], Integer.parseInt(t[1]),
                            Integer.parseInt(t[2]), Integer.parseInt(t[3]), 1).with("lof", "off"));
                }
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
        return new ConvergenceStudy(List.of("target", "dim", "components"), "nfe", "error", "NFE", "order",
                Experiments::nominalOrder).analyse(runs, plotsDir, "orders_");
    }
}
