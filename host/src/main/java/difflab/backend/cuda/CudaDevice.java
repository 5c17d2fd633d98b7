package difflab.backend.cuda;

import java.util.Locale;

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
                         int clockKHz, int memoryClockKHz, int memoryBusWidthBits) {

    private static final double BYTES_PER_GIB = 1024.0 * 1024.0 * 1024.0;
    /** Data transfers per memory clock (double data rate), for {@link #peakBandwidthBytesPerSecond()}. */
    static final int TRANSFERS_PER_CLOCK = 2;

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

    /** One line: ordinal, name, compute capability, SMs, memory, peak bandwidth. */
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
