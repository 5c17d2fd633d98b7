package difflab.backend;

import difflab.core.BackendException.Reason;
import difflab.core.BackendException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Device selection and the text of {@code difflab devices}, the same for every device API: a driver's listing
 * supplies {@link Device}s, this class picks one by selector and writes the report.
 */
public final class DeviceListing {

    /** Selector meaning "the first device that supports the requested precision". */
    public static final String AUTO = "auto";

    private DeviceListing() {
    }

    /** One listed device. */
    public interface Device {
        /** Its own selector as listed ({@code platform:index} on OpenCL, the ordinal on CUDA). */
        String selector();

        String name();

        /** The platform (OpenCL) or API ({@code CUDA}) name. */
        String platformName();

        /** Whether it computes in fp64. */
        boolean fp64();

        /** One line for {@code difflab devices}. */
        String describe();
    }

    /**
     * The device named by {@code selector} among {@code all} (in listing order): {@code auto} (or null/blank) picks
     * the first device with fp64 when {@code needFp64}, else the first device; a device's own selector (e.g.
     * {@code P:D}) picks it; a plain integer N picks the N-th device of the list; any other text picks the first
     * device whose device or platform name contains it (case-insensitive).
     *
     * @param api the API's name for messages ({@code OpenCL}, {@code CUDA})
     * @throws BackendException NO_DEVICE for an unknown selector, NO_FP64 if fp64 is needed and absent
     */
    public static <D extends Device> D select(String api, List<D> all, String selector, boolean needFp64) {
        if (selector == null || selector.isBlank() || selector.trim().equalsIgnoreCase(AUTO)) {
            for (D dev : all) {
                if (!needFp64 || dev.fp64()) {
                    return dev;
                }
            }
            throw new BackendException(Reason.NO_FP64, "no " + api + " device supports fp64; devices: "
                    + describeAll(all) + "; use --precision fp32");
        }
        String s = selector.trim();
        D chosen = null;
        for (D dev : all) {
            if (chosen == null && dev.selector().equals(s)) {
                chosen = dev;
            }
        }
        if (chosen == null && s.matches("\\d+")) {
            int n = Integer.parseInt(s);
            chosen = n < all.size() ? all.get(n) : null;
        } else if (chosen == null && !s.matches("[\\d:\\s]+")) {
            String needle = s.toLowerCase(Locale.ROOT);
            for (D dev : all) {
                if (chosen == null && (dev.name().toLowerCase(Locale.ROOT).contains(needle)
                        || dev.platformName().toLowerCase(Locale.ROOT).contains(needle))) {
                    chosen = dev;
                }
            }
        }
        if (chosen == null) {
            throw new BackendException(Reason.NO_DEVICE, "unknown " + api + " device '" + selector
                    + "'; accepted: auto, a list index 0.." + (all.size() - 1) + ", a selector as listed, or a"
                    + " substring of a device or platform name, among " + describeAll(all));
        }
        if (needFp64 && !chosen.fp64()) {
            throw new BackendException(Reason.NO_FP64, api + " device " + chosen.selector() + " (" + chosen.name()
                    + ") does not support fp64; use --precision fp32 or another device");
        }
        return chosen;
    }

    /**
     * The text of {@code difflab devices} for one API: {@code header}, one line per device and the {@code footer}
     * lines, or one line saying why there is none. Never throws a {@link BackendException}.
     */
    public static String report(String header, Supplier<? extends List<? extends Device>> list,
                                Supplier<String> footer) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        try {
            for (Device d : list.get()) {
                sb.append("  ").append(d.describe()).append('\n');
            }
            sb.append(footer.get());
        } catch (BackendException e) {
            sb.append("  none: ").append(e.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static String describeAll(List<? extends Device> all) {
        StringBuilder sb = new StringBuilder("[");
        for (Device d : all) {
            if (sb.length() > 1) {
                sb.append("; ");
            }
            sb.append(d.selector()).append(' ').append(d.name()).append(d.fp64() ? " (fp64)" : " (no fp64)");
        }
        return sb.append(']').toString();
    }
}
