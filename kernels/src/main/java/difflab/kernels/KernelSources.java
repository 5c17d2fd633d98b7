package difflab.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portable device sources under {@code difflab/kernels/} on the class path, and the single
 * translation unit every device backend compiles.
 *
 * <p>The files are concatenated in {@link #FILES} order, each preceded by a {@code #line 1 "file"}
 * directive so that compiler diagnostics name the original file and line. The same text compiles
 * as OpenCL C 1.2 ({@code clBuildProgram}) and as CUDA C++ ({@code nvcc -ptx -x cu --fmad=false} or
 * NVRTC); see {@code prelude.h} for the macros and the floating-point contract.
 *
 * <p>Build options (preprocessor defines) understood by the sources:
 * <ul>
 *   <li>{@link #DEFINE_FLOAT}: REAL is {@code float} (otherwise {@code double}); under OpenCL add
 *       {@code -cl-single-precision-constant};</li>
 *   <li>{@code -DGMM_MAX_K=k}: size of the per-work-item responsibility array of the mixture
 *       stage kernels (default 64); the host sets it to the target's component count.</li>
 *   <li>{@code -DVW=w}: particles per work-item (explicit SIMD lanes; 1 under CUDA).</li>
 *   <li>{@link #DEFINE_GROUP_ROWS} (OpenCL CPU builds, VW &gt; 1): the mixture stage kernels' work-groups
 *       combine their particles row by row before a barrier, then each work-item denoises its own
 *       (denoise.cl); without it each work-item combines its own particles (GPUs, CUDA).</li>
 * </ul>
 */
public final class KernelSources {

    /** Source files in concatenation order (the prelude and Philox first). */
    public static final List<String> FILES =
            List.of("prelude.h", "philox.h", "combine.cl", "denoise.cl", "reduce.cl", "fors.cl", "gauss_full.cl",
                    "score_perturb.cl");
    /** Class-path folder of the sources. */
    public static final String RESOURCE_DIR = "/difflab/kernels/";
    /** Preprocessor define selecting single precision. */
    public static final String DEFINE_FLOAT = "-DREAL_IS_FLOAT";
    /** Build option: mixture stage kernels combine by work-group rows (CPU builds; see denoise.cl). */
    public static final String DEFINE_GROUP_ROWS = "-DGMM_GROUP_ROWS";
    /** Name of the define sizing the mixture kernels' responsibility array. */
    public static final String DEFINE_GMM_MAX_K = "GMM_MAX_K";
    /** Largest number of model-output terms one combination may have ({@code MAX_TERMS}). */
    public static final int MAX_TERMS = 8;
    /** Largest number of fused noise terms in one combination ({@code MAX_NOISE}). */
    public static final int MAX_NOISE = 2;
    /** Largest component count the mixture kernels accept (private array size on the device). */
    public static final int MAX_COMPONENTS = 256;

    /** A kernel entry point: a line starting {@code KERNEL name(}. */
    private static final Pattern KERNEL_LINE = Pattern.compile("(?m)^KERNEL\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");

    private KernelSources() {
    }

    /**
     * Names of every kernel entry point in the translation unit, in source order (each line
     * {@code KERNEL name(}); the PTX of a CUDA build has one {@code .entry} per name.
     */
    public static List<String> kernelNames() {
        List<String> names = new ArrayList<>();
        Matcher m = KERNEL_LINE.matcher(translationUnit());
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /**
     * Lower-case hex SHA-256 of the UTF-8 {@link #translationUnit()}; {@code scripts/build-ptx} records
     * the same hash of the same text, so bundled PTX can be matched to the sources it came from.
     */
    public static String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(translationUnit().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The text of one source file. */
    public static String read(String file) {
        String path = RESOURCE_DIR + file;
        try (InputStream in = KernelSources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + path
                        + " is missing from the class path; accepted names: " + FILES);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel source " + path, e);
        }
    }

    /** All files concatenated, each after a {@code #line 1 "name"} directive. */
    public static String translationUnit() {
        StringBuilder sb = new StringBuilder();
        for (String f : FILES) {
            sb.append("#line 1 \"").append(f).append("\"\n").append(read(f));
            if (sb.charAt(sb.length() - 1) != '\n') {
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
