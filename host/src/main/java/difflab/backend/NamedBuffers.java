package difflab.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/**
 * The device buffers of a {@link DeviceSession} by name, with the size each was allocated with (what the
 * backends' release calls need). {@code H} is the backend's handle type ({@code cl_mem}, {@code CUdeviceptr}).
 */
public final class NamedBuffers<H> {
    private final Map<String, H> handles = new LinkedHashMap<>();
    private final Map<String, Long> sizes = new LinkedHashMap<>();

    /** Records a new buffer; a name may be used once until {@link #releaseAll}. */
    public void add(String name, H handle, long bytes) {
        requireAbsent(name);
        handles.put(name, handle);
        sizes.put(name, bytes);
    }

    /** Fails if {@code name} is allocated: call before allocating, so that a clash leaks nothing. */
    public void requireAbsent(String name) {
        if (handles.containsKey(name)) {
            throw new IllegalStateException("buffer '" + name + "' is already allocated in this session");
        }
    }

    /** The handle of {@code name}. */
    public H get(String name) {
        H h = handles.get(name);
        if (h == null) {
            throw new IllegalStateException("no buffer '" + name + "' in this session; allocated: " + handles.keySet());
        }
        return h;
    }

    /** Passes every handle with its size to {@code release}, then forgets them all. */
    public void releaseAll(ObjLongConsumer<H> release) {
        for (Map.Entry<String, H> e : handles.entrySet()) {
            release.accept(e.getValue(), sizes.get(e.getKey()));
        }
        handles.clear();
        sizes.clear();
    }
}
