package difflab.backend.opencl;

import difflab.backend.KernelCall;
import difflab.core.Precision;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Sets a kernel's arguments in order; {@link #real} passes a double as the program's {@code REAL}
 * (rounded to float in fp32 builds). Host-only: setting arguments never synchronises with the device.
 */
final class KernelArgs {
    private final cl_kernel kernel;
    private final Precision precision;
    private int index;

    KernelArgs(cl_kernel kernel, Precision precision) {
        this.kernel = kernel;
        this.precision = precision;
    }

    KernelArgs i32(int v) {
        CL.clSetKernelArg(kernel, index++, Sizeof.cl_int, Pointer.to(new int[] {v}));
        return this;
    }

    KernelArgs i64(long v) {
        CL.clSetKernelArg(kernel, index++, Sizeof.cl_long, Pointer.to(new long[] {v}));
        return this;
    }

    KernelArgs real(double v) {
        if (precision == Precision.FP64) {
            CL.clSetKernelArg(kernel, index++, Sizeof.cl_double, Pointer.to(new double[] {v}));
        } else {
            CL.clSetKernelArg(kernel, index++, Sizeof.cl_float, Pointer.to(new float[] {(float) v}));
        }
        return this;
    }

    KernelArgs mem(cl_mem m) {
        CL.clSetKernelArg(kernel, index++, Sizeof.cl_mem, Pointer.to(m));
        return this;
    }

    /**
     * Sets every argument of {@code call} on {@code kernel}, naming buffers through {@code buffers}: the one
     * binding of a backend-neutral {@link KernelCall} to OpenCL.
     */
    static void bind(cl_kernel kernel, Precision precision, KernelCall call,
                     java.util.function.Function<String, cl_mem> buffers) {
        KernelArgs a = new KernelArgs(kernel, precision);
        for (KernelCall.Arg arg : call.args()) {
            if (arg instanceof KernelCall.Arg.I32 v) {
                a.i32(v.value());
            } else if (arg instanceof KernelCall.Arg.I64 v) {
                a.i64(v.value());
            } else if (arg instanceof KernelCall.Arg.Real v) {
                a.real(v.value());
            } else {
                a.mem(buffers.apply(((KernelCall.Arg.Buffer) arg).name()));
            }
        }
    }
}
