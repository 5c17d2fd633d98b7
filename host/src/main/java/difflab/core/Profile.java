package difflab.core;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Timings of one device run, shared by the OpenCL and CUDA backends: per-kernel device time (from
 * OpenCL event profiling or CUDA events), host-device copy times and bytes in each direction, and
 * program build time. Kernel times are sums over all launches of a kernel name.
 *
 * <p>Effective bandwidth of a copy: {@code bytes / seconds}. Not thread-safe: one run fills it.
 */
public final class Profile {

    private static final double NANOS_PER_MILLI = 1e6;
    private static final double BYTES_PER_GB = 1e9;

    /** Accumulated time and count of one kernel name. */
    public static final class KernelTime {
        private long launches;
        private long nanos;

        /** Number of launches. */
        public long launches() {
            return launches;
        }

        /** Total device nanoseconds. */
        public long nanos() {
            return nanos;
        }
    }

    private final Map<String, KernelTime> kernels = new LinkedHashMap<>();
    private long copyInNanos;
    private long copyInBytes;
    private long copyOutNanos;
    private long copyOutBytes;
    private long buildNanos;
    private long wallNanos;

    /** Adds one launch of {@code kernel} that took {@code nanos} on the device. */
    public void addKernel(String kernel, long nanos) {
        KernelTime t = kernels.computeIfAbsent(kernel, k -> new KernelTime());
        t.launches++;
        t.nanos += nanos;
    }

    /** Adds a host-to-device copy. */
    public void addCopyIn(long bytes, long nanos) {
        copyInBytes += bytes;
        copyInNanos += nanos;
    }

    /** Adds a device-to-host copy. */
    public void addCopyOut(long bytes, long nanos) {
        copyOutBytes += bytes;
        copyOutNanos += nanos;
    }

    /** Adds program build (compile and link) time. */
    public void addBuild(long nanos) {
        buildNanos += nanos;
    }

    /** Adds host wall-clock time of the step loop (launch to completion). */
    public void addWall(long nanos) {
        wallNanos += nanos;
    }

    /** Per-kernel times, in first-launch order (unmodifiable view). */
    public Map<String, KernelTime> kernels() {
        return java.util.Collections.unmodifiableMap(kernels);
    }

    /** Sum of all kernel times. */
    public long kernelNanos() {
        long s = 0;
        for (KernelTime t : kernels.values()) {
            s += t.nanos;
        }
        return s;
    }

    public long copyInNanos() {
        return copyInNanos;
    }

    public long copyInBytes() {
        return copyInBytes;
    }

    public long copyOutNanos() {
        return copyOutNanos;
    }

    public long copyOutBytes() {
        return copyOutBytes;
    }

    public long buildNanos() {
        return buildNanos;
    }

    public long wallNanos() {
        return wallNanos;
    }

    /** Adds every figure of {@code other} to this profile. */
    public void merge(Profile other) {
        other.kernels.forEach((name, t) -> {
            KernelTime mine = kernels.computeIfAbsent(name, k -> new KernelTime());
            mine.launches += t.launches;
            mine.nanos += t.nanos;
        });
        copyInNanos += other.copyInNanos;
        copyInBytes += other.copyInBytes;
        copyOutNanos += other.copyOutNanos;
        copyOutBytes += other.copyOutBytes;
        buildNanos += other.buildNanos;
        wallNanos += other.wallNanos;
    }

    private static double gbPerSecond(long bytes, long nanos) {
        return nanos == 0 ? 0.0 : bytes / BYTES_PER_GB / (nanos * 1e-9);
    }

    /** A plain-text table, one line per kernel, then copies and build time. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-22s %9s %12s %10s%n", "task", "launches", "total ms", "mean us"));
        kernels.forEach((name, t) -> sb.append(String.format(Locale.ROOT, "%-22s %9d %12.3f %10.1f%n", name,
                t.launches, t.nanos / NANOS_PER_MILLI, t.launches == 0 ? 0.0 : t.nanos / 1e3 / t.launches)));
        sb.append(String.format(Locale.ROOT, "%-22s %9s %12.3f%n", "kernels total", "", kernelNanos() / NANOS_PER_MILLI));
        sb.append(String.format(Locale.ROOT, "copy in:  %,d bytes in %.3f ms (%.2f GB/s)%n", copyInBytes,
                copyInNanos / NANOS_PER_MILLI, gbPerSecond(copyInBytes, copyInNanos)));
        sb.append(String.format(Locale.ROOT, "copy out: %,d bytes in %.3f ms (%.2f GB/s)%n", copyOutBytes,
                copyOutNanos / NANOS_PER_MILLI, gbPerSecond(copyOutBytes, copyOutNanos)));
        sb.append(String.format(Locale.ROOT, "build:    %.3f ms%n", buildNanos / NANOS_PER_MILLI));
        sb.append(String.format(Locale.ROOT, "wall:     %.3f ms%n", wallNanos / NANOS_PER_MILLI));
        return sb.toString();
    }

    /** The same figures as a JSON object (nanoseconds and bytes as integers). */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"kernels\":{");
        boolean first = true;
        for (Map.Entry<String, KernelTime> e : kernels.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(e.getKey()).append("\":{\"launches\":").append(e.getValue().launches)
                    .append(",\"nanos\":").append(e.getValue().nanos).append('}');
        }
        sb.append("},\"copyInBytes\":").append(copyInBytes).append(",\"copyInNanos\":").append(copyInNanos)
                .append(",\"copyOutBytes\":").append(copyOutBytes).append(",\"copyOutNanos\":").append(copyOutNanos)
                .append(",\"buildNanos\":").append(buildNanos).append(",\"wallNanos\":").append(wallNanos).append('}');
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
