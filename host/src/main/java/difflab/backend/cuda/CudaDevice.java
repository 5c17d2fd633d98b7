package difflab.backend.cuda;

import difflab.backend.DeviceListing;
import java.util.Locale;
import java.util.Map;

/**
 * One CUDA device as the driver reports it ({@code cuDeviceGetName}, {@code cuDeviceTotalMem},
 * {@code cuDeviceGetAttribute}); the {@code difflab devices} line and the selection key of
 * {@code --backend cuda --device}.
 *
 * @param ordinal            device index in driver order ({@code cuDeviceGet} ordinal)
 * @param name               marketing name, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param multiprocessors    streaming multiprocessors (SMs)
 * @param totalMemoryBytes   device memory
 * @param major              compute capability, major
 * @param minor              compute capability, minor
 * @param clockKHz           peak SM clock in kHz, 0 if the driver does not report it
 * @param memoryClockKHz     peak memory clock in kHz, 0 if not reported
 * @param memoryBusWidthBits global memory bus width in bits, 0 if not reported
 */
public record CudaDevice(int ordinal, String name, int multiprocessors, long totalMemoryBytes, int major, int minor,
                         int clockKHz, int memoryClockKHz, int memoryBusWidthBits) implements DeviceListing.Device {

    private static final double BYTES_PER_GIB = 1024.0 * 1024.0 * 1024.0;
    /** Data transfers per memory clock (double data rate), for {@link #peakBandwidthBytesPerSecond()}. */
    static final int TRANSFERS_PER_CLOCK = 2;

    /**
     * Double-precision fused multiply-adds per clock per SM by compute capability (major*10+minor): the
     * 64-bit floating-point row of the arithmetic-throughput table of NVIDIA's CUDA C++ Programming Guide,
     * as remembered, checked against NVIDIA's published fp64 peaks (V100 7.8, A100 9.7, H100 SXM 34
     * TFLOP/s from SMs × boost clock × 2 × this value). DERIVED; capabilities not listed give NaN.
     */
    static final Map<Integer, Integer> FP64_FMA_PER_CLOCK_PER_SM =
            Map.of(60, 32, 70, 32, 75, 2, 80, 32, 86, 2, 89, 2, 90, 64);

    /**
     * Peak fp64 rate {@code SMs × clock × 2 × FMA/clock/SM} in flop/s, NaN when the clock or the
     * capability's FMA rate is unknown (no guess is made).
     */
    public double peakFp64FlopsPerSecond() {
        Integer fma = FP64_FMA_PER_CLOCK_PER_SM.get(computeCapabilityNumber());
        if (fma == null || clockKHz <= 0) {
            return Double.NaN;
        }
        return (double) multiprocessors * clockKHz * 1e3 * 2.0 * fma;
    }

    /** Compute capability as {@code major.minor}, e.g. {@code 9.0}. */
    public String computeCapability() {
        return major + "." + minor;
    }

    /** Compute capability as major*10 + minor (90 for 9.0), comparable with a PTX target {@code sm_XY}. */
    public int computeCapabilityNumber() {
        return major * 10 + minor;
    }

    /**
     * Theoretical DRAM bandwidth {@code 2 · memoryClock · busWidth / 8} in bytes/s (the usual formula for
     * double-data-rate memory; 3.35 TB/s for an H100 SXM's 2619 MHz × 5120 bits), NaN when the driver
     * reports no memory clock. The benchmark measures the attainable figure with the copy kernel.
     */
    public double peakBandwidthBytesPerSecond() {
        if (memoryClockKHz <= 0 || memoryBusWidthBits <= 0) {
            return Double.NaN;
        }
        return (double) TRANSFERS_PER_CLOCK * memoryClockKHz * 1e3 * memoryBusWidthBits / 8.0;
    }

    /** The ordinal. */
    @Override
    public String selector() {
        return Integer.toString(ordinal);
    }

    /** {@code CUDA}. */
    @Override
    public String platformName() {
        return "CUDA";
    }

    /** True: every CUDA device difflab can load PTX on (compute capability 7.5 or later) computes in fp64. */
    @Override
    public boolean fp64() {
        return true;
    }

    /** One line: ordinal, name, compute capability, SMs, memory, peak bandwidth. */
    @Override
    public String describe() {
        double bw = peakBandwidthBytesPerSecond();
        return String.format(Locale.ROOT, "%d  %s  compute capability %s  %d SMs  %.1f GiB%s", ordinal, name,
                computeCapability(), multiprocessors, totalMemoryBytes / BYTES_PER_GIB,
                Double.isNaN(bw) ? "" : String.format(Locale.ROOT, "  peak DRAM %.0f GB/s", bw / 1e9));
    }

    @Override
    public String toString() {
        return describe();
    }
}
