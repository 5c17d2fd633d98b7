package difflab.backend.cuda;

import difflab.backend.DeviceProgram;
import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import difflab.core.Precision;
import difflab.kernels.KernelSources;
import difflab.kernels.PtxBundle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUjit_option;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.driver.JITOptions;

/**
 * The difflab kernels loaded into a CUDA context as a module, from PTX compiled from the same portable
 * sources as the OpenCL program ({@link KernelSources#translationUnit()}).
 *
 * <p>Where the PTX comes from ({@link PtxSource}; default {@code auto}, overridable with the system
 * property {@value #PTX_PROPERTY}):
 * <ol>
 *   <li>NVRTC at run time, when {@code libnvrtc.so.12} loads ({@link Nvrtc}): options
 *       {@code --gpu-architecture=compute_XY} (the device's own compute capability), {@code -fmad=false}
 *       (no FMA contraction: the floating-point contract of {@code prelude.h}), {@code -DGMM_MAX_K=K} (the
 *       target's component count) and {@code -DREAL_IS_FLOAT} for fp32;</li>
 *   <li>otherwise the build-time PTX ({@link PtxBundle}, nvcc {@code -arch=compute_75 --fmad=false
 *       -DGMM_MAX_K=256}): nvcc's image first, and if the driver rejects its PTX ISA
 *       ({@code CUDA_ERROR_UNSUPPORTED_PTX_VERSION}: drivers older than the nvcc) the compat image that
 *       declares ISA 7.0. Bundled PTX compiled from other sources than those on the class path is
 *       refused.</li>
 * </ol>
 * The driver JIT-compiles the PTX for the device on load (and caches the result in
 * {@code ~/.nv/ComputeCache}); NVRTC and JIT time go into the profile as build time. When no source
 * works the error lists why each one failed.
 */
public final class CudaModule implements DeviceProgram {

    /** System property choosing the PTX source: {@code auto}, {@code nvrtc} or {@code bundled}. */
    public static final String PTX_PROPERTY = "difflab.cuda.ptx";
    /** Bytes of the driver's JIT error log kept for messages. */
    static final int JIT_LOG_BYTES = 16 * 1024;

    /** Where the module's PTX may come from. */
    public enum PtxSource {
        /** NVRTC where available, else the bundled PTX. */
        AUTO,
        /** NVRTC only. */
        NVRTC,
        /** The build-time PTX only. */
        BUNDLED;

        /**
         * Parses {@code auto}, {@code nvrtc} or {@code bundled}.
         *
         * @throws IllegalArgumentException for anything else
         */
        public static PtxSource parse(String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "auto":
                    return AUTO;
                case "nvrtc":
                    return NVRTC;
                case "bundled":
                    return BUNDLED;
                default:
                    throw new IllegalArgumentException("PTX source '" + s + "' (" + PTX_PROPERTY
                            + "); accepted: auto, nvrtc, bundled");
            }
        }

        /** The value of {@value #PTX_PROPERTY}, {@link #AUTO} when unset. */
        public static PtxSource fromSystemProperty() {
            return parse(System.getProperty(PTX_PROPERTY, "auto"));
        }
    }

    private final CudaDriver ctx;
    private final CUmodule module;
    private final Precision precision;
    private final int maxComponents;
    private final String origin;
    private final boolean runtimeCompiled;
    private final long buildNanos;
    private final Map<String, CUfunction> functions = new HashMap<>();

    private CudaModule(CudaDriver ctx, CUmodule module, Precision precision, int maxComponents, String origin,
                       boolean runtimeCompiled, long buildNanos) {
        this.ctx = ctx;
        this.module = module;
        this.precision = precision;
        this.maxComponents = maxComponents;
        this.origin = origin;
        this.runtimeCompiled = runtimeCompiled;
        this.buildNanos = buildNanos;
    }

    /** NVRTC options for the difflab kernels on a device of compute capability {@code cc} (major*10+minor). */
    public static List<String> nvrtcOptions(int cc, Precision precision, int maxComponents) {
        List<String> o = new ArrayList<>(List.of("--gpu-architecture=compute_" + cc, "-fmad=false",
                "-D" + KernelSources.DEFINE_GMM_MAX_K + "=" + maxComponents));
        if (precision == Precision.FP32) {
            o.add(KernelSources.DEFINE_FLOAT);
        }
        return o;
    }

    /**
     * Loads the kernels for {@code precision} and mixtures of up to {@code components} components.
     *
     * @throws BackendException UNSUPPORTED for a component count the kernels cannot hold, BUILD_FAILED when
     *                          no PTX source works (the message says why for each)
     */
    public static CudaModule load(CudaDriver ctx, Precision precision, int components, PtxSource source) {
        if (components < 1 || components > KernelSources.MAX_COMPONENTS) {
            throw new BackendException(Reason.UNSUPPORTED, "mixture with " + components
                    + " components; the device kernels accept 1.." + KernelSources.MAX_COMPONENTS);
        }
        ctx.bind();
        CudaDevice dev = ctx.cudaDevice();
        List<String> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        if (source != PtxSource.BUNDLED) {
            Nvrtc.Status nvrtc = Nvrtc.status();
            if (nvrtc.available()) {
                try {
                    String ptx = Nvrtc.compile(KernelSources.translationUnit(), "difflab.cu",
                            nvrtcOptions(dev.computeCapabilityNumber(), precision, components));
                    String origin = nvrtc.message() + " PTX for compute_" + dev.computeCapabilityNumber();
                    return loaded(ctx, loadPtx(ptx, origin), precision, components, origin, true, t0);
                } catch (BackendException e) {
                    failures.add(e.getMessage());
                }
            } else {
                failures.add(nvrtc.message());
            }
        }
        if (source != PtxSource.NVRTC) {
            Optional<PtxBundle> bundle = PtxBundle.load();
            if (bundle.isEmpty()) {
                failures.add("no build-time PTX in this build (nvcc was missing when it was built; see scripts/build-ptx)");
            } else if (!bundle.get().matchesSources()) {
                failures.add("the build-time PTX was compiled from other kernel sources (" + bundle.get().describe()
                        + "); rebuild");
            } else if (dev.computeCapabilityNumber() < bundle.get().minimumComputeCapability()) {
                failures.add("the build-time PTX targets " + bundle.get().arch() + " but " + dev.name()
                        + " has compute capability " + dev.computeCapability());
            } else {
                PtxBundle b = bundle.get();
                for (PtxBundle.Image image : b.images(precision == Precision.FP32)) {
                    try {
                        String origin = image.describe(b);
                        return loaded(ctx, loadPtx(image.ptx(), origin), precision, b.gmmMaxK(), origin, false, t0);
                    } catch (BackendException e) {
                        failures.add(e.getMessage());
                    }
                }
            }
        }
        throw new BackendException(Reason.BUILD_FAILED, "cannot load the difflab kernels (" + precision.id()
                + ") on " + dev.name() + " (compute capability " + dev.computeCapability() + ", CUDA driver "
                + CudaDriverProbe.status().driverVersionText() + ", PTX source " + source.name().toLowerCase(Locale.ROOT)
                + "): " + String.join("; ", failures));
    }

    private static CudaModule loaded(CudaDriver ctx, CUmodule m, Precision precision, int maxComponents, String origin,
                                     boolean runtimeCompiled, long t0) {
        long nanos = System.nanoTime() - t0;
        return new CudaModule(ctx, m, precision, maxComponents, origin, runtimeCompiled, nanos);
    }

    /** {@code cuModuleLoadData} on a NUL-terminated copy of {@code ptx}; on failure, once more for the JIT log. */
    private static CUmodule loadPtx(String ptx, String origin) {
        byte[] text = (ptx + "\0").getBytes(StandardCharsets.UTF_8);
        CUmodule m = new CUmodule();
        int r = JCudaDriver.cuModuleLoadData(m, text);
        if (r == CUresult.CUDA_SUCCESS) {
            return m;
        }
        String log = "";
        try {
            JITOptions jit = new JITOptions();
            jit.putBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[JIT_LOG_BYTES]);
            jit.putInt(CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, JIT_LOG_BYTES);
            CUmodule retry = new CUmodule();
            if (JCudaDriver.cuModuleLoadDataJIT(retry, Pointer.to(text), jit) == CUresult.CUDA_SUCCESS) {
                return retry;
            }
            String s = jit.getString(CUjit_option.CU_JIT_ERROR_LOG_BUFFER);
            log = s == null || s.isBlank() ? "" : " JIT log: " + s.trim();
        } catch (RuntimeException e) {
            log = " (JIT log unavailable: " + e + ")";
        }
        throw CudaDriverProbe.error(r, "loading " + origin + " with cuModuleLoadData." + log);
    }

    /**
     * The kernel {@code name}.
     *
     * @throws BackendException BUILD_FAILED if the module has no such entry
     */
    public CUfunction function(String name) {
        CUfunction f = functions.get(name);
        if (f == null) {
            f = new CUfunction();
            CudaDriverProbe.check(JCudaDriver.cuModuleGetFunction(f, module, name), "looking up kernel '" + name + "' in "
                    + origin);
            functions.put(name, f);
        }
        return f;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    /** The {@code GMM_MAX_K} the module was compiled with. */
    @Override
    public int maxComponents() {
        return maxComponents;
    }

    /** Whether NVRTC compiled this module at run time (for exactly {@link #maxComponents()} components). */
    public boolean runtimeCompiled() {
        return runtimeCompiled;
    }

    /** One particle per thread ({@link CudaDriver#VECTOR_WIDTH}). */
    @Override
    public int vectorWidth() {
        return CudaDriver.VECTOR_WIDTH;
    }

    /** The build-time PTX, compiled for the largest mixture, serves every smaller one; NVRTC modules do not. */
    @Override
    public boolean servesFewerComponents() {
        return !runtimeCompiled;
    }

    /** Where the PTX came from, e.g. {@code bundled PTX ISA 9.0 (nvcc 13.0.88, compute_75)}. */
    @Override
    public String origin() {
        return origin;
    }

    /** Wall time of NVRTC (if used) plus the driver's PTX load and JIT compile. */
    @Override
    public long buildNanos() {
        return buildNanos;
    }

    @Override
    public void close() {
        ctx.bind();
        JCudaDriver.cuModuleUnload(module);
        functions.clear();
    }
}
