package difflab.cli;

import difflab.analysis.io.ResultTable;
import difflab.sampler.Sampler;
import difflab.sampler.registry.SamplerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The README's sampler table: registry facts plus the orders fitted by the ode-orders experiment. */
final class SamplerTable {
    /** ode-orders target groups, in column order, as (target, dim) of fits.csv. */
    static final List<String[]> GROUPS = List.of(new String[] {"gaussian-full", "4"}, new String[] {"gmm", "2"},
            new String[] {"gmm", "64"});

    private SamplerTable() {
    }

    static String markdown(Path odeOrderFits) {
        Map<String, String[]> measured = new LinkedHashMap<>();
        if (Files.exists(odeOrderFits)) {
            try {
                for (ResultTable.Row r : ResultTable.readCsv(odeOrderFits).rows()) {
                    for (int g = 0; g < GROUPS.size(); g++) {
                        if (GROUPS.get(g)[0].equals(r.get("target")) && GROUPS.get(g)[1].equals(r.get("dim"))) {
                            String[] cells = measured.computeIfAbsent(r.get("sampler"), k -> new String[GROUPS.size()]);
                            cells[g] = String.format(Locale.ROOT, "%.2f", r.getDouble("order"));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + odeOrderFits, e);
            }
        }
        StringBuilder sb = new StringBuilder("| id | kind | NFE/step | nominal order | measured: Gaussian d=4 / GMM d=2 / "
                + "GMM d=64 | source |\n|---|---|---|---|---|---|\n");
        for (Sampler s : SamplerRegistry.all()) {
            String[] m = measured.get(s.id());
            String orders = s.stochastic() ? "see stochastic experiments"
                    : m == null ? "not measured" : String.join(" / ", orDash(m));
            sb.append(String.format(Locale.ROOT, "| `%s` | %s%s | %d | %d | %s | %s |%n", s.id(),
                    s.stochastic() ? "SDE" : "ODE", s.reconstruction() ? " (reconstruction)" : "",
                    s.evaluationsPerStep(), s.nominalOrder(), orders, s.source().replace("|", "/")));
        }
        return sb.toString();
    }

    private static String[] orDash(String[] cells) {
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i] == null ? "–" : cells[i];
        }
        return out;
    }
}
