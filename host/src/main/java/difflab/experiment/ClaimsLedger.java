package difflab.experiment;

import difflab.analysis.io.ResultTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The claims ledger that opens REPORT.md: one row per seed-paper claim, the experiment and fits.csv row that test
 * it, the measured value with its 95% confidence interval, the verdict and the figure. Values are read from the
 * committed fits.csv files, so the ledger changes only when the results do.
 */
final class ClaimsLedger {

    /**
     * One claim.
     *
     * @param paper      the source, as cited in the README
     * @param claim      what the paper claims, in the quantity that is measured
     * @param experiment the experiment id (results folder)
     * @param select     fits.csv column values that pick the one row testing the claim
     * @param figure     the figure, relative to results/
     */
    record Claim(String paper, String claim, String experiment, Map<String, String> select, String figure) {
    }

    private static final String ORDERS = "ode-orders";
    private static final String ORDERS_FIGURE = "ode-orders/plots/orders_gmm_2_4.png";

    static final List<Claim> CLAIMS = List.of(
            ode("Song, Meng, Ermon 2021 (DDIM)", "DDIM is a first-order ODE solver: error ∝ NFE⁻¹", "ddim"),
            ode("Karras et al. 2022 (EDM), Alg. 1", "Heun's method has order 2", "heun"),
            ode("Lu et al. 2022 (DPM-Solver)", "DPM-Solver-2 has order 2", "dpm-solver-2"),
            ode("Lu et al. 2022 (DPM-Solver)", "DPM-Solver-3 has order 3", "dpm-solver-3"),
            ode("Lu et al. 2022b (DPM-Solver++)", "DPM-Solver++(2M) has order 2", "dpmpp-2m"),
            ode("Lu et al. 2022b (DPM-Solver++)", "DPM-Solver++(3M) has order 3", "dpmpp-3m"),
            ode("Zhang, Song, Chen 2023 (RES)", "RES-2S has order 2", "res-2s"),
            ode("Zhang, Song, Chen 2023 (RES)", "RES-3S has order 3", "res-3s"),
            ode("Li, Chen, Zeng 2023 (SciRE)", "SciRE-Solver-2 (singlestep) has order 2", "scire-v2-2s"),
            ode("Li, Chen, Zeng 2023 (SciRE)", "SciRE-Solver-3 (singlestep) has order 3", "scire-v2-3s"),
            new Claim("Li et al. ICML 2024 (accelerated ODE)", "the accelerated ODE sampler's error falls as T⁻² "
                    + "(official code's update)", "li2024-ode", Map.of("target", "gaussian-full", "dim", "4",
                    "sampler", "li-ode-code"), "li2024-ode/plots/li_ode_gaussian-full_4.png"),
            new Claim("Li et al. ICML 2024 (accelerated SDE)", "the accelerated SDE sampler converges as 1/T in TV: "
                    + "KL slope 2 in T, up to log factors", "li2024-sde", Map.of("target", "gaussian", "dim", "4",
                    "sampler", "li-sde"), "li2024-sde/plots/kl_gaussian_4.png"),
            new Claim("Li et al. 2023/2024 (DDPM theory)", "DDPM (Li's vanilla SDE sampler) has weak order 1: KL "
                    + "slope 2 in T, up to log factors", "ddpm-kl-rate", Map.of("target", "gaussian", "dim", "4", "sampler",
                    "ddpm-li"), "ddpm-kl-rate/plots/kl_T_gaussian_4.png"),
            new Claim("FORS high-accuracy sampler (reconstruction)", "TV falls exponentially in the score "
                    + "evaluations (rate r of e^(−r·NFE); no nominal value)", "high-accuracy", Map.of("part",
                    "end-to-end", "target", "gmm", "sampler", "fors-rescaled-state", "metric", "tv"),
                    "high-accuracy/plots/high_accuracy_end-to-end_gmm_tv_semilog.png"));

    private ClaimsLedger() {
    }

    private static Claim ode(String paper, String claim, String sampler) {
        return new Claim(paper, claim + " (GMM d=2, 4 components)", ORDERS, Map.of("target", "gmm", "dim", "2",
                "components", "4", "sampler", sampler), ORDERS_FIGURE);
    }

    /** The ledger as a Markdown section. */
    static String markdown(Path resultsRoot) {
        StringBuilder md = new StringBuilder("## Claims ledger\n\n");
        md.append("One row per claim of a seed paper: the experiment that tests it, the fitted value with its 95% "
                + "confidence interval (an order p of error ∝ N⁻ᵖ, a KL slope — twice the weak order, since "
                + "KL ≈ error² — or a rate r of e^(−r·N)), the verdict of `fits.csv` and the figure.\n\n");
        md.append("| paper | claim | experiment | measured [95% CI] | nominal | verdict | figure |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Claim c : CLAIMS) {
            md.append("| ").append(c.paper()).append(" | ").append(c.claim()).append(" | [").append(c.experiment())
                    .append("](#").append(c.experiment()).append(") | ");
            ResultTable.Row row = find(resultsRoot, c);
            if (row == null) {
                md.append("not measured (no fits.csv row) | | not run | |\n");
                continue;
            }
            String valueColumn = row.asMap().containsKey("order") ? "order" : "rate";
            md.append(number(row.getDouble(valueColumn))).append(" [").append(number(row.getDouble("ci_lower")))
                    .append(", ").append(number(row.getDouble("ci_upper"))).append("] | ")
                    .append(ConvergenceStudy.trim(row.getDouble("nominal"))).append(" | ")
                    .append(row.get("verdict").toLowerCase(Locale.ROOT).replace('_', ' ')).append(" | [figure](")
                    .append(c.figure()).append(") |\n");
        }
        return md.append('\n').toString();
    }

    private static ResultTable.Row find(Path resultsRoot, Claim c) {
        Path fits = resultsRoot.resolve(c.experiment()).resolve("fits.csv");
        if (!Files.exists(fits)) {
            return null;
        }
        try {
            for (ResultTable.Row r : ResultTable.readCsv(fits).rows()) {
                if (c.select().entrySet().stream().allMatch(e -> e.getValue().equals(r.asMap().get(e.getKey())))) {
                    return r;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fits, e);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : Math.abs(v) < 0.01 ? String.format(Locale.ROOT, "%.3g", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
