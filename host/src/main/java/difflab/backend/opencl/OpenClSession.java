package difflab.backend.opencl;

import difflab.backend.DeviceSession;
import difflab.backend.KernelCall;
import difflab.backend.NamedBuffers;
import difflab.core.Precision;
import difflab.core.Profile;
import difflab.kernels.KernelSources;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * {@link DeviceSession} on an OpenCL device: a context, a built difflab program and named buffers. Either it owns
 * the context and program ({@link #open}) or it borrows those of an {@link OpenClBackend} ({@link #borrowing}),
 * and then {@link #close} releases only its buffers.
 */
public final class OpenClSession implements DeviceSession {
    private final OpenClContext ctx;
    private final OpenClProgram program;
    private final boolean ownsDevice;
    private final NamedBuffers<cl_mem> buffers = new NamedBuffers<>();

    private OpenClSession(OpenClContext ctx, OpenClProgram program, boolean ownsDevice) {
        this.ctx = ctx;
        this.program = program;
        this.ownsDevice = ownsDevice;
    }

    /** A session over a context and program that stay the caller's (closing it releases only its buffers). */
    public static OpenClSession borrowing(OpenClContext ctx, OpenClProgram program) {
        return new OpenClSession(ctx, program, false);
    }

    /**
     * Opens the device named by {@code selector} ({@link OpenClDevices#select}) and builds the kernels in
     * {@code precision} for mixtures of up to {@link KernelSources#MAX_COMPONENTS} components.
     *
     * @throws difflab.core.BackendException NO_PLATFORM, NO_DEVICE, NO_FP64 or BUILD_FAILED
     */
    public static OpenClSession open(String selector, Precision precision) {
        OpenClContext ctx = new OpenClContext(OpenClDevices.select(selector, precision == Precision.FP64));
        try {
            return new OpenClSession(ctx, OpenClProgram.difflab(ctx, precision, KernelSources.MAX_COMPONENTS, 1), true);
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
    }

    @Override
    public String backend() {
        return "opencl";
    }

    @Override
    public String device() {
        return ctx.device().name() + " [" + ctx.device().platformName() + "], " + program.precision().id();
    }

    @Override
    public Precision precision() {
        return program.precision();
    }

    @Override
    public Profile profile() {
        return ctx.profile();
    }

    @Override
    public Profile resetProfile() {
        return ctx.resetProfile();
    }

    @Override
    public void allocate(String name, long bytes) {
        buffers.requireAbsent(name);
        buffers.add(name, ctx.allocate(name, bytes), bytes);
    }

    private cl_mem buffer(String name) {
        return buffers.get(name);
    }

    @Override
    public void writeReals(String name, double[] src, int count) {
        ctx.write(buffer(name), precision(), src, 0, count);
    }

    @Override
    public void writeInts(String name, int[] src, int count) {
        ctx.writeRaw(buffer(name), 0, (long) count * Sizeof.cl_int, Pointer.to(src));
    }

    @Override
    public void writeLongs(String name, long[] src, int count) {
        ctx.writeRaw(buffer(name), 0, (long) count * Sizeof.cl_long, Pointer.to(src));
    }

    @Override
    public void readReals(String name, double[] dst, int count) {
        ctx.read(buffer(name), precision(), dst, 0, count);
    }

    @Override
    public void readInts(String name, int[] dst, int count) {
        ctx.readRaw(buffer(name), 0, (long) count * Sizeof.cl_int, Pointer.to(dst));
    }

    @Override
    public void readLongs(String name, long[] dst, int count) {
        ctx.readRaw(buffer(name), 0, (long) count * Sizeof.cl_long, Pointer.to(dst));
    }

    @Override
    public void launch(KernelCall call) {
        String name = call.kernel();
        KernelArgs.bind(program.kernel(name), precision(), call, this::buffer);
        if (call.globalSize().length == 2) {
            // the 2-D kernels (combine, stage_gauss_diag) stream over particles x coordinate pairs
            ctx.launchLocal(name, program.kernel(name), ctx.streamLocal(2), call.globalSize());
        } else {
            ctx.launch(name, program.kernel(name), call.globalSize());
        }
    }

    @Override
    public void finish() {
        ctx.finish();
    }

    @Override
    public void releaseBuffers() {
        buffers.releaseAll(ctx::release);
    }

    @Override
    public void close() {
        try {
            releaseBuffers();
            if (ownsDevice) {
                program.close();
            }
        } finally {
            if (ownsDevice) {
                ctx.close();
            }
        }
    }
}
