package difflab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PTX that {@code scripts/build-ptx} put on the class path (the jar the cuda backend and the GPU
 * bundle run from) was compiled from the current kernel sources, holds every kernel in both precisions,
 * and its compat copy differs from nvcc's output only in the declared PTX ISA.
 *
 * <p>Skip rule as {@link PtxCompileTest}: without bundled PTX the test fails when {@code CI} is set (CI has
 * nvcc, so the build must have bundled it) and is skipped otherwise.
 */
class PtxBundleTest {

    static PtxBundle bundle;

    @BeforeAll
    static void load() {
        Optional<PtxBundle> b = PtxBundle.load();
        if (b.isEmpty()) {
            String ci = System.getenv("CI");
            String why = "no bundled PTX on the class path (" + PtxBundle.RESOURCE_DIR
                    + "): the build ran without nvcc or with -Ddifflab.ptx.skip=true";
            if (ci != null && !ci.isEmpty()) {
                fail("CI=" + ci + " but " + why);
            }
            Assumptions.abort(why);
        }
        bundle = b.get();
    }

    @Test
    void compiledFromTheCurrentSources() {
        assertEquals(KernelSources.sha256(), bundle.sourceSha256(),
                "bundled PTX is stale (rebuild: scripts/build-ptx); " + bundle.describe());
        assertTrue(bundle.matchesSources());
    }

    @Test
    void everyImageHoldsEveryKernel() {
        List<String> kernels = KernelSources.kernelNames();
        assertEquals(kernels, bundle.entries());
        for (boolean fp32 : new boolean[] {false, true}) {
            for (PtxBundle.Image image : bundle.images(fp32)) {
                assertEquals(kernels, PtxCompileTest.entries(image.ptx()), image.resource());
                assertTrue(image.ptx().contains("\n.version " + image.isa() + "\n"), image.resource() + " declares "
                        + image.isa());
                assertTrue(image.ptx().contains("\n.target sm_" + bundle.minimumComputeCapability() + "\n"),
                        image.resource());
            }
        }
    }

    @Test
    void compatCopyDiffersOnlyInTheDeclaredIsa() {
        assertEquals(256, bundle.gmmMaxK());
        assertEquals(KernelSources.MAX_COMPONENTS, bundle.gmmMaxK());
        for (boolean fp32 : new boolean[] {false, true}) {
            List<PtxBundle.Image> images = bundle.images(fp32);
            String nativeText = images.get(0).ptx();
            String compatText = images.get(1).ptx();
            assertTrue(!images.get(0).compat() && images.get(1).compat());
            String stripped = compatText.substring(compatText.indexOf('\n') + 1)
                    .replace(".version " + bundle.compatIsa() + "\n", ".version " + bundle.nativeIsa() + "\n");
            assertEquals(nativeText, stripped, "compat PTX must be nvcc's text with only .version changed");
        }
    }
}
