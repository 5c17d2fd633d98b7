package difflab.backend;

import difflab.backend.DeviceDriver.Buffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Device buffers a {@link DeviceBackend} keeps between runs of the same shape, by requested size. Memory a device
 * has just allocated is slow to touch the first time: on PoCL a buffer is fresh host memory, and every page's first
 * write is a page fault, which on some virtual machines costs far more than the copy itself (the measured figures are
 * in the README, <i>Benchmark</i>). Runs of one backend with
 * the same particle count, dimension and target reuse the buffers of the previous run instead.
 *
 * <p>A reused buffer holds the previous run's values; the kernels never read a buffer before writing it (history
 * terms with zero coefficients are dropped, padding lanes are written from the host), so results do not change.
 */
final class BufferPool {

    private final DeviceDriver driver;
    private final Map<Long, Deque<Buffer>> idle = new LinkedHashMap<>();

    BufferPool(DeviceDriver driver) {
        this.driver = driver;
    }

    /** An idle buffer allocated with exactly {@code bytes}, or a new one. */
    Buffer take(String name, long bytes) {
        Deque<Buffer> same = idle.get(bytes);
        Buffer b = same == null ? null : same.poll();
        return b != null ? b : driver.allocate(name, bytes);
    }

    /** Keeps {@code buffer} (allocated with {@code bytes} requested) for a later {@link #take}. */
    void give(Buffer buffer, long bytes) {
        idle.computeIfAbsent(bytes, k -> new ArrayDeque<>()).push(buffer);
    }

    /** Frees every idle buffer. */
    void clear() {
        for (Deque<Buffer> buffers : idle.values()) {
            for (Buffer b : buffers) {
                driver.free(b);
            }
        }
        idle.clear();
    }
}
