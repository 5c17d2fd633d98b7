package difflab.backend.cuda;

import difflab.backend.DeviceSession;
import difflab.backend.KernelCall;
import difflab.backend.NamedBuffers;
import difflab.core.Precision;
import difflab.core.Profile;
import difflab.kernels.KernelSources;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;

/**
 * {@link DeviceSession} on a CUDA device: a context, the difflab module (PTX per {@link CudaModule}) and named
 * buffers. Either it owns the context and module ({@link #open}) or it borrows those of a {@link CudaBackend}
 * ({@link #borrowing}), and then {@link #close} releases only its buffers. One particle per thread.
 */
public final class CudaSession implements DeviceSession {
    /** Particles per thread in the CUDA build of the kernels ({@code prelude.h} requires 1). */
    public static final int VECTOR_WIDTH = 1;

    private final CudaContext ctx;
    private final CudaModule module;
    private final boolean ownsDevice;
    private final NamedBuffers<CUdeviceptr> buffers = new NamedBuffers<>();

    private CudaSession(CudaContext ctx, CudaModule module, boolean ownsDevice) {
        this.ctx = ctx;
        this.module = module;
        this.ownsDevice = ownsDevice;
    }

    /** A session over a context and module that stay the caller's (closing it releases only its buffers). */
    public static CudaSession borrowing(CudaContext ctx, CudaModule module) {
        return new CudaSession(ctx, module, false);
    }

    /**
     * Opens the device named by {@code selector} ({@link CudaDevices#select}) and loads the kernels in
     * {@code precision} for mixtures of up to {@link KernelSources#MAX_COMPONENTS} components, PTX from the system
     * property {@value CudaModule#PTX_PROPERTY}.
     *
     * @throws difflab.core.BackendException NO_PLATFORM without a driver, NO_DEVICE, BUILD_FAILED
     */
    public static CudaSession open(String selector, Precision precision) {
        CudaContext ctx = new CudaContext(CudaDevices.select(selector));
        try {
            return new CudaSession(ctx, CudaModule.load(ctx, precision, KernelSources.MAX_COMPONENTS,
                    CudaModule.PtxSource.fromSystemProperty()), true);
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
    }

    @Override
    public String backend() {
        return "cuda";
    }

    @Override
    public String device() {
        CudaDevice d = ctx.device();
        return d.name() + " [CUDA " + d.computeCapability() + "], " + module.precision().id() + ", " + module.origin();
    }

    @Override
    public Precision precision() {
        return module.precision();
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

    private CUdeviceptr buffer(String name) {
        return buffers.get(name);
    }

    @Override
    public void writeReals(String name, double[] src, int count) {
        ctx.write(buffer(name), precision(), src, 0, count);
    }

    @Override
    public void writeInts(String name, int[] src, int count) {
        if (count > 0) {
            ctx.writeRaw(buffer(name), Pointer.to(src), (long) count * Sizeof.INT);
        }
    }

    @Override
    public void writeLongs(String name, long[] src, int count) {
        if (count > 0) {
            ctx.writeRaw(buffer(name), Pointer.to(src), (long) count * Sizeof.LONG);
        }
    }

    @Override
    public void readReals(String name, double[] dst, int count) {
        ctx.read(buffer(name), precision(), dst, 0, count);
    }

    @Override
    public void readInts(String name, int[] dst, int count) {
        if (count > 0) {
            ctx.readRaw(buffer(name), Pointer.to(dst), (long) count * Sizeof.INT);
        }
    }

    @Override
    public void readLongs(String name, long[] dst, int count) {
        if (count > 0) {
            ctx.readRaw(buffer(name), Pointer.to(dst), (long) count * Sizeof.LONG);
        }
    }

    @Override
    public void launch(KernelCall call) {
        ctx.launch(module.function(call.kernel()), call, precision(), this::buffer);
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
                module.close();
            }
        } finally {
            if (ownsDevice) {
                ctx.close();
            }
        }
    }
}
