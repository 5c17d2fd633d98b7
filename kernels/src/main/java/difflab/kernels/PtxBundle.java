package difflab.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The build-time PTX of the kernel sources, as {@code scripts/build-ptx} writes it into the class path
 * under {@link #RESOURCE_DIR} when nvcc is present at build time (not committed; see the script's header).
 *
 * <p>Per precision there are two images of the same code: the <em>native</em> one is nvcc's output
 * ({@code -arch=compute_75 --fmad=false -DGMM_MAX_K=256}, declaring the PTX ISA of the nvcc that built it,
 * 9.0 for CUDA 13, which a driver loads only if it is R580 or newer), and the <em>compat</em> one is the
 * same text declaring the older PTX ISA {@link #compatIsa()} (7.0: CUDA 11.0, R450 drivers and newer), which
 * the build checked with {@code ptxas} at that ISA. A loader tries native first, then compat.
 *
 * <p>{@link #sourceSha256()} is the SHA-256 of the translation unit the PTX was compiled from; the PTX
 * is usable only if it equals {@link KernelSources#sha256()} ({@link #matchesSources()}).
 */
public final class PtxBundle {

    /** Class-path folder of the PTX files and {@link #MANIFEST}. */
    public static final String RESOURCE_DIR = "/difflab/kernels/ptx/";
    /** The manifest file written last by the build script. */
    public static final String MANIFEST = "manifest.properties";

    /** One PTX text and what it declares. */
    public record Image(String resource, String ptx, String isa, boolean compat) {
        /** Short description, e.g. {@code bundled PTX ISA 9.0 (nvcc 13.0.88, compute_75)}. */
        public String describe(PtxBundle bundle) {
            return "bundled " + (compat ? "compat " : "") + "PTX ISA " + isa + " (nvcc " + bundle.nvccVersion() + ", "
                    + bundle.arch() + ")";
        }
    }

    private final Properties manifest;

    private PtxBundle(Properties manifest) {
        this.manifest = manifest;
    }

    /** The bundle on the class path, or empty when the build had no nvcc. */
    public static Optional<PtxBundle> load() {
        try (InputStream in = PtxBundle.class.getResourceAsStream(RESOURCE_DIR + MANIFEST)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return Optional.of(new PtxBundle(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE_DIR + MANIFEST, e);
        }
    }

    private String field(String key) {
        String v = manifest.getProperty(key);
        if (v == null) {
            throw new IllegalStateException(RESOURCE_DIR + MANIFEST + " lacks '" + key + "'; rebuild with scripts/build-ptx");
        }
        return v;
    }

    /** SHA-256 of the translation unit the PTX was compiled from. */
    public String sourceSha256() {
        return field("sourceSha256");
    }

    /** Whether the PTX was compiled from the kernel sources on this class path. */
    public boolean matchesSources() {
        return sourceSha256().equals(KernelSources.sha256());
    }

    /** nvcc version, e.g. {@code 13.0.88}. */
    public String nvccVersion() {
        return field("nvcc");
    }

    /** Virtual architecture, e.g. {@code compute_75}. */
    public String arch() {
        return field("arch");
    }

    /** Minimum compute capability the PTX runs on, as major*10 + minor (75 for compute_75). */
    public int minimumComputeCapability() {
        return Integer.parseInt(arch().replaceAll("\\D", ""));
    }

    /** The {@code GMM_MAX_K} the PTX was compiled with: the largest mixture it evaluates. */
    public int gmmMaxK() {
        return Integer.parseInt(field("gmmMaxK"));
    }

    /** PTX ISA version of the native images (nvcc's own). */
    public String nativeIsa() {
        return field("isa.native");
    }

    /** PTX ISA version the compat images declare. */
    public String compatIsa() {
        return field("isa.compat");
    }

    /** Kernel entry points the build checked in every image. */
    public List<String> entries() {
        return Arrays.asList(field("entries").split(","));
    }

    /**
     * The images for one precision, native first, then compat.
     *
     * @param fp32 single precision ({@code -DREAL_IS_FLOAT}) rather than double
     */
    public List<Image> images(boolean fp32) {
        String p = fp32 ? "fp32" : "fp64";
        return List.of(new Image(field(p + ".native"), read(field(p + ".native")), nativeIsa(), false),
                new Image(field(p + ".compat"), read(field(p + ".compat")), compatIsa(), true));
    }

    private static String read(String file) {
        String path = RESOURCE_DIR + file;
        try (InputStream in = PtxBundle.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("PTX " + path + " named by the manifest is missing; rebuild with scripts/build-ptx");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** One line: nvcc, arch, ISA versions, source hash. */
    public String describe() {
        return "nvcc " + nvccVersion() + ", " + arch() + ", PTX ISA " + nativeIsa() + " (compat " + compatIsa()
                + "), GMM_MAX_K=" + gmmMaxK() + ", sources " + sourceSha256().substring(0, 12)
                + (matchesSources() ? "" : " (STALE: the kernel sources changed since)");
    }
}
