package difflab.backend.opencl;

import difflab.backend.Precision;
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
}
