package difflab.kernels;

/**
 * Philox4x32-10 counter-based generator, exactly as in Random123 (Salmon, Moraes, Dror, Shaw,
 * "Parallel random numbers: as easy as 1, 2, 3", SC'11; reference code {@code philox.h}).
 *
 * <p>State: a 128-bit counter {@code (c0, c1, c2, c3)} and a 64-bit key {@code (k0, k1)}. One
 * round:
 * <pre>
 *   (hi0, lo0) = M0 · c0      (hi1, lo1) = M1 · c2        (full 64-bit products)
 *   c' = (hi1 ^ c1 ^ k0,  lo1,  hi0 ^ c3 ^ k1,  lo0)
 * </pre>
 * followed, between rounds, by the Weyl key bump {@code k0 += W0, k1 += W1}; ten rounds. All words
 * are unsigned 32-bit, held in Java {@code int}s. The device twin is the fully unrolled scalar
 * macro {@code PHILOX4x32_10} in {@code difflab/kernels/philox.h} (a loop over a struct ran 10x
 * slower on PoCL, PLATFORM_NOTES.md).
 *
 * <p>Known answers (Random123 {@code kat_vectors}, "philox4x32 10"), tested in
 * {@code Philox4x32Test}: counter 0 / key 0 gives {@code 6627e8d5 e169c58d bc57ac4c 9b00dbd8}.
 */
public final class Philox4x32 {

    /** First round multiplier, {@code PHILOX_M4x32_0}. */
    public static final int M0 = 0xD2511F53;
    /** Second round multiplier, {@code PHILOX_M4x32_1}. */
    public static final int M1 = 0xCD9E8D57;
    /** First Weyl key increment, {@code PHILOX_W32_0} (golden ratio). */
    public static final int W0 = 0x9E3779B9;
    /** Second Weyl key increment, {@code PHILOX_W32_1} (sqrt(3) − 1). */
    public static final int W1 = 0xBB67AE85;
    /** Number of rounds of Philox4x32-10. */
    public static final int ROUNDS = 10;

    private static final long MASK32 = 0xFFFF_FFFFL;
    private static final long M0L = M0 & MASK32;
    private static final long M1L = M1 & MASK32;

    private Philox4x32() {
    }

    /**
     * Computes Philox4x32-10 of counter {@code (c0..c3)} under key {@code (k0, k1)} and writes the
     * four output words to {@code out[off .. off+3]}.
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out, int off) {
        for (int r = 0; r < ROUNDS; r++) {
            if (r > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = M0L * (c0 & MASK32);
            long p1 = M1L * (c2 & MASK32);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
        }
        out[off] = c0;
        out[off + 1] = c1;
        out[off + 2] = c2;
        out[off + 3] = c3;
    }

    /** Convenience form of {@link #block} that allocates the 4-word result. */
    public static int[] block(int[] counter, int[] key) {
        if (counter.length != 4 || key.length != 2) {
            throw new IllegalArgumentException("Philox4x32 needs a 4-word counter and a 2-word key, got "
                    + counter.length + " and " + key.length);
        }
        int[] out = new int[4];
        block(counter[0], counter[1], counter[2], counter[3], key[0], key[1], out, 0);
        return out;
    }
}
