package difflab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsLedgerTest {

    @Test
    void everyClaimGetsOneRowWithValueIntervalVerdictAndFigure(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("ode-orders"));
        Files.write(root.resolve("ode-orders/fits.csv"), List.of(
                "target,dim,components,sampler,nominal,order,ci_lower,ci_upper,r2,window_first,window_last,points,"
                        + "verdict",
                "gmm,2,4,dpmpp-3m,3.0,2.2048,2.1513,2.2583,0.9997,32.0,1024.0,6,BELOW",
                "gmm,64,16,heun,2.0,1.5,1.4,1.6,0.99,8,64,4,BELOW"));
        String md = ClaimsLedger.markdown(root);
        List<String> rows = md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| paper")).toList();
        assertEquals(ClaimsLedger.CLAIMS.size(), rows.size());
        String dpmpp3m = rows.stream().filter(r -> r.contains("DPM-Solver++(3M)")).findFirst().orElseThrow();
        assertTrue(dpmpp3m.contains("| 2.20 [2.15, 2.26] | 3 | below | [figure](ode-orders/plots/orders_gmm_2_4.png) |"),
                dpmpp3m);
        String heun = rows.stream().filter(r -> r.contains("Heun")).findFirst().orElseThrow();
        assertTrue(heun.contains("not measured"), "heun's row is for GMM d=64, not the claim's d=2: " + heun);
    }

    @Test
    void summaryCountsVerdictsAndFindings(@TempDir Path dir) throws Exception {
        Path fits = dir.resolve("fits.csv");
        Files.write(fits, List.of("sampler,order,verdict", "a,1,MATCHES", "b,2,BELOW", "c,3,MATCHES"));
        String s = ReportWriter.summary(Map.of("title", "Orders"), Map.of("findings", List.of("b is slow")), fits);
        assertEquals("> **Tests:** Orders.  \n> **Outcome:** 3 fitted rates: 1 below, 2 matches; 1 finding below.\n\n", s);
    }
}
