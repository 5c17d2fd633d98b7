package difflab.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import difflab.analysis.fit.OrderFit;
import difflab.analysis.fit.OrderFitResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTableTest {

    private static final double[] N = {16, 32, 64, 128, 256};

    @Test
    void rendersOneRowPerSamplerWithIntervalWindowAndVerdict() {
        double[] exactSecondOrder = {1.0 / 256, 1.0 / 1024, 1.0 / 4096, 1.0 / 16384, 1.0 / 65536};
        double[] noisyFirstOrder = {0.0625, 0.0315, 0.0156, 0.0078, 0.0039};
        OrderFitResult heun = OrderFit.fit(N, exactSecondOrder, 2);
        OrderFitResult ddim = OrderFit.fit(N, noisyFirstOrder, 2);
        OrderFitResult twoPoints = OrderFit.fitOver(N, exactSecondOrder, 3, 5);

        String table = OrderTable.of(List.of(new OrderTable.Entry("heun", heun), new OrderTable.Entry("ddim", ddim),
                new OrderTable.Entry("res-2m", twoPoints)), "NFE").toMarkdown();

        assertEquals("""
                | sampler | nominal | measured | 95% CI | R² | window (NFE) | verdict |
                | --- | --- | --- | --- | --- | --- | --- |
                | heun | 2 | 2.000 | [2.000, 2.000] | 1.0000 | 16–256 (5 pts) | matches |
                | ddim | 2 | 1.002 | [0.9957, 1.008] | 1.0000 | 16–256 (5 pts) | below |
                | res-2m | n/a | 2.000 | n/a | 1.0000 | 128–256 (2 pts) | no nominal |
                """, table);
    }
}
