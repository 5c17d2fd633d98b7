package difflab.backend.cuda;

import difflab.backend.CrossBackendContract;
import difflab.backend.DeviceBackend;
import difflab.core.Precision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On an NVIDIA GPU: the cross-backend contract ({@link CrossBackendContract}: {@code cuda} = {@code java} for every
 * sampler × target family in fp64 and fp32, chunking, profile, refusals) on the bundled nvcc PTX, and fp64 on NVRTC
 * PTX where {@code libnvrtc.so.12} loads. Only libdevice's log/exp/sin/cos may differ from Java's in the last ulps,
 * since combinations are compiled without FMA contraction. NOT YET MEASURED: no GPU was available when this test
 * was written; the worst errors it prints on a GPU belong in results/gpu/.
 */
@Tag("cuda")
class CudaCrossBackendTest extends CrossBackendContract {

    static final Map<Precision, DeviceBackend> BUNDLED = new EnumMap<>(Precision.class);
    static final List<DeviceBackend> OPEN = new ArrayList<>();

    /** Per test, so that surefire reports each skipped test with the reason. */
    @BeforeEach
    void requireCuda() {
        CudaTestSupport.requireCuda();
    }

    @AfterAll
    static void close() {
        for (DeviceBackend b : OPEN) {
            b.close();
        }
        OPEN.clear();
        BUNDLED.clear();
    }

    static DeviceBackend open(Precision p, CudaModule.PtxSource source) {
        DeviceBackend b = CudaBackend.open(CudaDevices.AUTO, p, source);
        OPEN.add(b);
        return b;
    }

    @Override
    protected DeviceBackend backend(Precision precision) {
        return BUNDLED.computeIfAbsent(precision, p -> open(p, CudaModule.PtxSource.BUNDLED));
    }

    @Override
    protected DeviceBackend fresh() {
        return CudaBackend.open();
    }

    @Test
    void fp64NvrtcPtxEqualsJavaBackend() {
        Assumptions.assumeTrue(Nvrtc.status().available(), Nvrtc.status().message());
        compare(open(Precision.FP64, CudaModule.PtxSource.NVRTC), FP64_RELATIVE_BOUND);
    }
}
