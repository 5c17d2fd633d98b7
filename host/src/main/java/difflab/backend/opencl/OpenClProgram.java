package difflab.backend.opencl;

import difflab.backend.DeviceProgram;
import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import difflab.core.Precision;
import difflab.kernels.KernelSources;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_kernel;
import org.jocl.cl_program;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;

/**
 * The difflab kernels ({@link KernelSources#translationUnit()}) compiled for one device, precision and
 * mixture size. Build options: {@code -DREAL_IS_FLOAT -cl-single-precision-constant} for fp32,
 * {@code -DGMM_MAX_K=k}, {@code -DVW=w}, the particles per work-item (explicit SIMD lanes), and with w &gt; 1
 * {@code -DGMM_GROUP_ROWS} ({@link #options}). A build failure is a {@link BackendException} BUILD_FAILED whose message
 * holds the compiler's build log.
 */
public final class OpenClProgram implements DeviceProgram {

    private final cl_program program;
    private final Map<String, cl_kernel> kernels = new HashMap<>();
    private final Precision precision;
    private final int vectorWidth;
    private final int maxComponents;
    private final String options;
    private final long buildNanos;

    /**
     * Compiles {@code source} with {@code options} (compiler flags and defines).
     *
     * @throws BackendException BUILD_FAILED with the build log
     */
    public OpenClProgram(OpenClDriver ctx, String source, String options, Precision precision) {
        this(ctx, source, options, precision, 1, 0);
    }

    /** As above, for sources built with {@code -DVW=vectorWidth} and {@code -DGMM_MAX_K=maxComponents}. */
    OpenClProgram(OpenClDriver ctx, String source, String options, Precision precision, int vectorWidth,
                  int maxComponents) {
        this.precision = precision;
        this.vectorWidth = vectorWidth;
        this.maxComponents = maxComponents;
        this.options = options;
        long t0 = System.nanoTime();
        cl_program p = null;
        try {
            p = CL.clCreateProgramWithSource(ctx.context(), 1, new String[] {source}, null, null);
            CL.clBuildProgram(p, 0, null, options, null, null);
        } catch (CLException e) {
            String log = p == null ? "(no program object)" : buildLog(ctx, p);
            if (p != null) {
                CL.clReleaseProgram(p);
            }
            throw new BackendException(Reason.BUILD_FAILED, "OpenCL kernel build failed on " + ctx.deviceName()
                    + " with options '" + options + "' (" + CL.stringFor_errorCode((int) e.getStatus())
                    + "). Build log:\n" + log, e);
        }
        program = p;
        buildNanos = System.nanoTime() - t0;
    }

    /**
     * The standard build of the difflab kernels for {@code precision}, mixtures of up to
     * {@code maxComponents} and {@code vectorWidth} particles per work-item.
     */
    static OpenClProgram difflab(OpenClDriver ctx, Precision precision, int maxComponents, int vectorWidth) {
        if (!OpenClDriver.VECTOR_WIDTHS.contains(vectorWidth)) {
            throw new IllegalArgumentException("vector width " + vectorWidth + "; accepted: " + OpenClDriver.VECTOR_WIDTHS);
        }
        if (maxComponents < 1 || maxComponents > KernelSources.MAX_COMPONENTS) {
            throw new BackendException(Reason.UNSUPPORTED, "mixture with " + maxComponents
                    + " components; the device kernels accept 1.." + KernelSources.MAX_COMPONENTS);
        }
        if (precision == Precision.FP64 && !ctx.openClDevice().fp64()) {
            throw new BackendException(Reason.NO_FP64, "OpenCL device " + ctx.deviceName()
                    + " does not support fp64 (cl_khr_fp64); use precision fp32");
        }
        return new OpenClProgram(ctx, KernelSources.translationUnit(), options(precision, maxComponents, vectorWidth),
                precision, vectorWidth, maxComponents);
    }

    /**
     * Build options for the difflab kernels: {@code -DGMM_MAX_K}, {@code -DVW}, and with {@code vectorWidth} &gt; 1
     * (CPU devices) {@code -DGMM_GROUP_ROWS}: the mixture stage kernels' work-groups combine their particles
     * row by row before the work-items denoise them (denoise.cl).
     */
    public static String options(Precision precision, int maxComponents, int vectorWidth) {
        String o = "-D" + KernelSources.DEFINE_GMM_MAX_K + "=" + maxComponents + " -DVW=" + vectorWidth;
        if (vectorWidth > 1) {
            o += " " + KernelSources.DEFINE_GROUP_ROWS;
        }
        if (precision == Precision.FP32) {
            o = KernelSources.DEFINE_FLOAT + " -cl-single-precision-constant " + o;
        }
        return o;
    }

    private static String buildLog(OpenClDriver ctx, cl_program p) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(p, ctx.openClDevice().deviceId(), CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] buf = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(p, ctx.openClDevice().deviceId(), CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
            int len = buf.length;
            while (len > 0 && buf[len - 1] == 0) {
                len--;
            }
            return new String(buf, 0, len, StandardCharsets.UTF_8);
        } catch (CLException e) {
            return "(build log unavailable: " + e.getMessage() + ")";
        }
    }

    /** The kernel {@code name}, created on first use. */
    public cl_kernel kernel(String name) {
        return kernels.computeIfAbsent(name, n -> {
            try {
                return CL.clCreateKernel(program, n, null);
            } catch (CLException e) {
                throw OpenClDriver.translate("creating kernel '" + n + "'", e);
            }
        });
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public int vectorWidth() {
        return vectorWidth;
    }

    /** The {@code GMM_MAX_K} of the build (0 for other sources). */
    @Override
    public int maxComponents() {
        return maxComponents;
    }

    /** False: built per mixture size ({@code GMM_MAX_K} = the target's K). */
    @Override
    public boolean servesFewerComponents() {
        return false;
    }

    /** Empty: built from the portable sources on the device. */
    @Override
    public String origin() {
        return "";
    }

    public String options() {
        return options;
    }

    /** Wall time of clBuildProgram. */
    @Override
    public long buildNanos() {
        return buildNanos;
    }

    @Override
    public void close() {
        for (cl_kernel k : kernels.values()) {
            CL.clReleaseKernel(k);
        }
        kernels.clear();
        CL.clReleaseProgram(program);
    }
}
