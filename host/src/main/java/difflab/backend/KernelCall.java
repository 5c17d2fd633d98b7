package difflab.backend;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One kernel launch described without any device API: the kernel's name in the portable sources, its
 * arguments in signature order, and the number of work-items (OpenCL global size, CUDA threads) in
 * each dimension before any rounding to a work-group or block size. {@link TaskGraph#launches} produces
 * these; each backend only binds {@link Arg.Buffer} names to its own buffer handles, so OpenCL and
 * CUDA pack coefficients and arguments by one implementation.
 *
 * @param kernel     kernel (entry point) name, e.g. {@code combine}
 * @param args       arguments in the order of the kernel's parameter list
 * @param globalSize work-items per dimension (1 to 3 entries, each &gt;= 0)
 */
public record KernelCall(String kernel, List<Arg> args, long[] globalSize) {

    /** Largest number of launch dimensions. */
    public static final int MAX_DIMENSIONS = 3;

    public KernelCall {
        Objects.requireNonNull(kernel, "kernel");
        args = List.copyOf(args);
        globalSize = globalSize.clone();
        if (globalSize.length < 1 || globalSize.length > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("launch of " + kernel + " has " + globalSize.length
                    + " dimensions; accepted: 1.." + MAX_DIMENSIONS);
        }
        for (long g : globalSize) {
            if (g < 0) {
                throw new IllegalArgumentException("launch of " + kernel + " has global size "
                        + Arrays.toString(globalSize) + "; accepted: sizes >= 0");
            }
        }
    }

    @Override
    public long[] globalSize() {
        return globalSize.clone();
    }

    /** Whether some dimension is empty (the launch does nothing and is skipped). */
    public boolean empty() {
        for (long g : globalSize) {
            if (g == 0) {
                return true;
            }
        }
        return false;
    }

    /** A 32-bit integer argument. */
    public static Arg i32(int value) {
        return new Arg.I32(value);
    }

    /** A {@code REAL} argument. */
    public static Arg real(double value) {
        return new Arg.Real(value);
    }

    /** A buffer argument, by name. */
    public static Arg buf(String name) {
        return new Arg.Buffer(name);
    }

    /** One kernel argument. */
    public sealed interface Arg permits Arg.I32, Arg.I64, Arg.Real, Arg.Buffer {

        /** A 32-bit integer ({@code int}, {@code U32} in the sources). */
        record I32(int value) implements Arg {
        }

        /** A 64-bit integer ({@code long}). */
        record I64(long value) implements Arg {
        }

        /** A {@code REAL}: passed as double in fp64 programs and rounded to float in fp32 programs. */
        record Real(double value) implements Arg {
        }

        /** A device buffer, by the name the task graph gives it ({@link TaskGraph#STATE}, ...). */
        record Buffer(String name) implements Arg {
            public Buffer {
                Objects.requireNonNull(name, "name");
            }
        }
    }

    @Override
    public String toString() {
        return kernel + Arrays.toString(globalSize) + args;
    }
}
