package difflab.sampler;

import difflab.sampler.OrderTable.Row;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The order of every deterministic sampler, one case per {@link OrderTable} row and target (measurement in
 * {@link SamplerOrderContract}), plus the constant-denoiser exactness that every exponential integrator in data
 * prediction has.
 */
class SamplerOrderTest {
    static Stream<Row> rows() {
        return OrderTable.ROWS.stream();
    }

    static Stream<Row> exactRows() {
        return OrderTable.ROWS.stream().filter(Row::exactForConstantDenoiser);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void orderOnAnisotropicGaussian(Row row) {
        SamplerOrderContract.assertOrder(row.sampler(), SamplerOrderContract.gaussian(), row.window(),
                row.expectedGaussianOrder(), "Gaussian d=4 (" + row.reason() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void orderOnGaussianMixture(Row row) {
        SamplerOrderContract.assertOrder(row.sampler(), SamplerOrderContract.mixture(), row.window(),
                row.expectedMixtureOrder(), "GMM K=4 d=2 (" + row.reason() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactRows")
    void exactForConstantDenoiser(Row row) {
        SamplerOrderContract.assertExactForConstantDenoiser(row.sampler());
    }
}
