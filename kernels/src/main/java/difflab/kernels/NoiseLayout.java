package difflab.kernels;

/**
 * The reproducibility contract of difflab's Gaussian noise: how a standard normal is addressed.
 * Every backend (the Java twin {@link NormalNoiseKernel}, the OpenCL and CUDA kernels in
 * {@code difflab/kernels/philox.h}) implements exactly this, so a sample depends only on
 * (seed, particle, step, stream, coordinate), never on batch size, chunking, backend or device.
 *
 * <p>Coordinates come in pairs: block {@code b = j / 2} yields coordinates {@code 2b} and
 * {@code 2b+1} (the last block of an odd dimension uses only its first normal). For global particle
 * index {@code p} (0 &lt;= p &lt; 2^32), step {@code s} and stream {@code r}:
 * <pre>
 *   key     = (k0, k1) = (low 32 bits of seed, high 32 bits of seed)
 *   counter = (c0, c1, c2, c3) = (b, s, p, r)                (all unsigned 32-bit)
 *   (w0, w1, w2, w3) = Philox4x32-10(counter, key)
 *   u1 = ((w0 &gt;&gt;&gt; 5)·2^26 + (w1 &gt;&gt;&gt; 6) + 1) · 2^-53      in (0, 1]
 *   u2 = ((w2 &gt;&gt;&gt; 5)·2^26 + (w3 &gt;&gt;&gt; 6))     · 2^-53      in [0, 1)
 *   ρ  = sqrt(−2·log u1),   θ = 2π·u2                         (Box–Muller)
 *   z[2b] = ρ·cos θ,   z[2b+1] = ρ·sin θ
 * </pre>
 * Both uniforms are exact 53-bit fractions (no rounding); u1 excludes 0 so the logarithm is finite,
 * and u1 = 1 (probability 2^-53) gives ρ = 0. Step {@link #INITIAL_NOISE_STEP} ({@code 0xFFFFFFFF})
 * is reserved for the initial state x_T; sampler steps use 0, 1, 2, ….
 */
public final class NoiseLayout {

    /** Step index reserved for the initial noise x_T ({@code 0xFFFFFFFF} as an unsigned word). */
    public static final int INITIAL_NOISE_STEP = -1;
    /** Stream used for the initial noise x_T. */
    public static final int INITIAL_NOISE_STREAM = 0;
    /** Exclusive upper bound of global particle indices (the particle is one 32-bit counter word). */
    public static final long MAX_PARTICLES = 1L << 32;
    /** Normals produced per Philox block (two Box–Muller pairs' worth of bits, one pair used). */
    public static final int NORMALS_PER_BLOCK = 2;
    /** Bits taken from the first word of a uniform's pair ({@code w >>> 5}). */
    public static final int HIGH_BITS = 27;
    /** Bits taken from the second word of a uniform's pair ({@code w >>> 6}). */
    public static final int LOW_BITS = 26;
    /** {@code 2^-53}, the weight of one unit in the last place of a 53-bit uniform. */
    public static final double TWO_POW_M53 = 0x1.0p-53;
    /** 2π as a double (exactly {@code 2·Math.PI}). */
    public static final double TWO_PI = 2.0 * Math.PI;

    private NoiseLayout() {
    }

    /** Key word 0: the low 32 bits of the seed. */
    public static int key0(long seed) {
        return (int) seed;
    }

    /** Key word 1: the high 32 bits of the seed. */
    public static int key1(long seed) {
        return (int) (seed >>> 32);
    }

    /** Uniform in (0, 1] from two words (used for the Box–Muller radius). */
    public static double uniformOpenClosed(int hi, int lo) {
        long k = ((long) (hi >>> (32 - HIGH_BITS)) << LOW_BITS) | (lo >>> (32 - LOW_BITS));
        return (k + 1) * TWO_POW_M53;
    }

    /** Uniform in [0, 1) from two words (used for the Box–Muller angle). */
    public static double uniformClosedOpen(int hi, int lo) {
        long k = ((long) (hi >>> (32 - HIGH_BITS)) << LOW_BITS) | (lo >>> (32 - LOW_BITS));
        return k * TWO_POW_M53;
    }

    /**
     * Checks that global particles {@code [offset, offset + count)} fit the 32-bit particle word.
     *
     * @throws IllegalArgumentException if they do not
     */
    public static void checkParticles(long offset, long count) {
        if (offset < 0 || count < 0 || offset + count > MAX_PARTICLES) {
            throw new IllegalArgumentException("global particles [" + offset + ", " + (offset + count)
                    + ") do not fit the noise counter's particle word; accepted: 0 <= index < 2^32");
        }
    }
}
