package difflab.kernels;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GmmDenoiser#denoisePrepared} with the particles in the lanes of {@code DoubleVector}s
 * ({@code jdk.incubator.vector}, {@link DoubleVector#SPECIES_PREFERRED}), register-blocked: each particle
 * runs exactly the operation sequence of {@link GmmDenoiser}'s class comment (same {@code fma}s, same
 * summation order, {@link PortableMath#expNonPositive} lane by lane), so the results are bit-identical to the
 * plain-loop twin.
 *
 * <p>Tiles of {@value #TILE_BLOCKS}·{@link #LANES} particles are first gathered from the coordinate rows
 * into block-major scratch (the isotropic ‖x‖² accumulates there, j ascending). Then per block of
 * {@link #LANES} particles:
 * <ul>
 *   <li>logits: 8 components at a time, the 8 accumulators {@code a_c} held in registers over the whole
 *       j loop (one load of x_j, 8 multiply-adds with broadcast W_jc, from a per-call copy of W laid out
 *       {@code [component block][j][8]}: constant index strides, so C2 drops the per-load range checks);</li>
 *   <li>responsibilities: max, {@code exp}, sum and scale over the components, vectorised across particles;
 *       {@code exp} is PortableMath's sequence with {@code rint(t)} as {@code (t + 1.5·2⁵²) − 1.5·2⁵²} and
 *       the scale 2<sup>k</sup> built from the exponent bits (both exact for the arguments in [−708, 0]);</li>
 *   <li>output: 8 coordinates at a time (diagonal: 4 coordinates, each with F and G), accumulators in
 *       registers over the components, from a per-call copy of F (and G) laid out
 *       {@code [coordinate block][c][8]} so each component's 8 broadcasts are adjacent.</li>
 * </ul>
 * A vector never crosses a method boundary that C2 might not inline (it would be boxed); the methods pass
 * arrays. Particles past the last full block go to the plain-loop twin.
 */
final class GmmDenoiserVector {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Particles per vector (8 with AVX-512). */
    static final int LANES = SPECIES.length();
    /** Components (logits) and coordinates (isotropic output) per register block. */
    private static final int BLOCK = 8;
    /** Coordinates per register block of the diagonal output (each with an F and a G accumulator). */
    private static final int DIAG_BLOCK = 4;
    /** Vectors of particles per tile gathered from the coordinate rows into contiguous scratch. */
    private static final int TILE_BLOCKS = 8;
    private static final double INV_LN2 = 1.4426950408889634;
    private static final double LN2_HI = 0.6931471805599453;
    private static final double LN2_LO = 2.3190468138462996e-17;
    private static final double EXP_ARGUMENT_FLOOR = -708.0;
    /** 1.5·2⁵²: adding it rounds a |t| &lt; 2⁵¹ to an integer (ties to even, as {@link Math#rint}). */
    private static final double ROUND_SHIFT = 6755399441055744.0;
    private static final long ROUND_SHIFT_BITS = Double.doubleToRawLongBits(ROUND_SHIFT);

    private GmmDenoiserVector() {
    }

    /**
     * Denoises particles {@code [from, to)} (arguments already checked by {@link GmmDenoiser#denoisePrepared});
     * returns the first particle not processed (the caller finishes {@code [returned, to)} with the plain twin).
     */
    static int denoise(boolean diagonal, int n, int d, int from, int to, int k, double[] table, double[] x,
            double[] out) {
        final int kd = k * d;
        final int wOff = diagonal ? k + kd : 3 * k;
        final int fOff = diagonal ? k + 2 * kd : 3 * k + kd;
        final int gOff = k + 3 * kd;
        final int end = from + (to - from) / LANES * LANES;
        if (end == from) {
            return from;
        }
        final double[] weights = blockLogitWeights(diagonal, k, d, table, wOff);
        final double[] blocked = diagonal ? blockDiagonalOutput(k, d, table, fOff, gOff)
                : blockIsotropicOutput(k, d, table, fOff);
        // scratch: logits then responsibilities at c·LANES, the slope Σ_c g_c r_c at k·LANES
        final double[] scratch = new double[(k + 1) * LANES];
        final int gsAt = k * LANES;
        // ‖x‖² of the tile's particles (isotropic), filled by gather
        final double[] squares = new double[TILE_BLOCKS * LANES];
        // the tile's particles, block-major: xs[b·d·LANES + j·LANES + lane] = x[j·n + i0 + b·LANES + lane]
        final double[] xs = new double[TILE_BLOCKS * d * LANES];
        for (int i0 = from; i0 < end; i0 += TILE_BLOCKS * LANES) {
            final int blocks = Math.min(TILE_BLOCKS, (end - i0) / LANES);
            gather(!diagonal, n, d, i0, blocks, x, xs, squares);
            for (int b = 0; b < blocks; b++) {
                final int xb = b * d * LANES;
                final int i = i0 + b * LANES;
                int c0 = 0;
                for (; c0 + BLOCK <= k; c0 += BLOCK) {
                    if (diagonal) {
                        logitsDiagonal8(d, xb, c0, weights, table, xs, scratch);
                    } else {
                        logitsIsotropic8(d, k, xb, c0, weights, table, xs, scratch, squares, b * LANES);
                    }
                }
                for (; c0 < k; c0++) {
                    logitsSingle(diagonal, d, k, xb, c0, wOff, table, xs, scratch, squares, b * LANES);
                }
                responsibilities(diagonal, k, table, scratch, gsAt);
                int j0 = 0;
                if (diagonal) {
                    for (; j0 + DIAG_BLOCK <= d; j0 += DIAG_BLOCK) {
                        outputDiagonal4(n, k, i, j0, blocked, xs, xb, scratch, out);
                    }
                } else {
                    for (; j0 + BLOCK <= d; j0 += BLOCK) {
                        outputIsotropic8(n, k, i, j0, blocked, xs, xb, scratch, gsAt, out);
                    }
                }
                for (; j0 < d; j0++) {
                    outputSingle(diagonal, n, k, i, j0, fOff, gOff, table, xs, xb, scratch, gsAt, out);
                }
            }
        }
        return end;
    }

    /**
     * W (diagonal: W and NH) re-laid out for the full 8-component blocks: isotropic
     * {@code [c0/8][j][q] = W[j·k + c0 + q]}; diagonal {@code [c0/8][j][q] = W[j·k + c0 + q]} for q &lt; 8 and
     * {@code NH[j·k + c0 + q − 8]} for 8 &le; q &lt; 16. Every loop then steps its index by a constant, which
     * lets C2 drop the per-load range checks (a stride of k would not).
     */
    private static double[] blockLogitWeights(boolean diagonal, int k, int d, double[] table, int wOff) {
        int per = diagonal ? 2 * BLOCK : BLOCK;
        double[] b = new double[k / BLOCK * d * per];
        for (int c0 = 0; c0 + BLOCK <= k; c0 += BLOCK) {
            for (int j = 0; j < d; j++) {
                for (int q = 0; q < BLOCK; q++) {
                    int at = (c0 / BLOCK * d + j) * per + q;
                    b[at] = table[wOff + j * k + c0 + q];
                    if (diagonal) {
                        b[at + BLOCK] = table[k + j * k + c0 + q];
                    }
                }
            }
        }
        return b;
    }

    /** F re-laid out {@code [j0/8][c][q] = F[(j0+q)·k + c]} for the full 8-coordinate blocks. */
    private static double[] blockIsotropicOutput(int k, int d, double[] table, int fOff) {
        double[] b = new double[d / BLOCK * BLOCK * k];
        for (int j0 = 0; j0 + BLOCK <= d; j0 += BLOCK) {
            for (int c = 0; c < k; c++) {
                for (int q = 0; q < BLOCK; q++) {
                    b[j0 * k + c * BLOCK + q] = table[fOff + (j0 + q) * k + c];
                }
            }
        }
        return b;
    }

    /** F and G re-laid out {@code [j0/4][c][q]}: F[(j0+q)·k + c] for q &lt; 4, then G[(j0+q−4)·k + c]. */
    private static double[] blockDiagonalOutput(int k, int d, double[] table, int fOff, int gOff) {
        double[] b = new double[d / DIAG_BLOCK * 2 * DIAG_BLOCK * k];
        for (int j0 = 0; j0 + DIAG_BLOCK <= d; j0 += DIAG_BLOCK) {
            for (int c = 0; c < k; c++) {
                for (int q = 0; q < DIAG_BLOCK; q++) {
                    b[2 * j0 * k + c * 2 * DIAG_BLOCK + q] = table[fOff + (j0 + q) * k + c];
                    b[2 * j0 * k + c * 2 * DIAG_BLOCK + DIAG_BLOCK + q] = table[gOff + (j0 + q) * k + c];
                }
            }
        }
        return b;
    }

    /**
     * Copies {@code blocks} vectors of particles from {@code i0} into the block-major tile {@code xs}; with
     * {@code norms}, also {@code squares[b·LANES + lane] = Σ_j fma(x_j, x_j, ·)} (j ascending) per particle.
     */
    private static void gather(boolean norms, int n, int d, int i0, int blocks, double[] x, double[] xs,
            double[] squares) {
        if (norms) {
            Arrays.fill(squares, 0.0);
        }
        for (int j = 0; j < d; j++) {
            for (int b = 0; b < blocks; b++) {
                DoubleVector xv = load(x, j * n + i0 + b * LANES);
                xv.intoArray(xs, (b * d + j) * LANES);
                if (norms) {
                    xv.fma(xv, load(squares, b * LANES)).intoArray(squares, b * LANES);
                }
            }
        }
    }

    private static DoubleVector fma(DoubleVector v, double w, DoubleVector acc) {
        return v.fma(DoubleVector.broadcast(SPECIES, w), acc);
    }

    private static DoubleVector load(double[] a, int at) {
        return DoubleVector.fromArray(SPECIES, a, at);
    }

    /** l_c = fma(nh_c, pp, bias'_c + a_c) for c0..c0+7, pp = ‖x‖² from {@code squares} at {@code ppAt}. */
    private static void logitsIsotropic8(int d, int k, int xb, int c0, double[] weights, double[] table,
            double[] xs, double[] scratch, double[] squares, int ppAt) {
        DoubleVector a0 = DoubleVector.zero(SPECIES);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector a4 = a0;
        DoubleVector a5 = a0;
        DoubleVector a6 = a0;
        DoubleVector a7 = a0;
        for (int j = 0, w = c0 * d; j < d; j++, w += BLOCK) {
            DoubleVector xv = load(xs, xb + j * LANES);
            a0 = fma(xv, weights[w], a0);
            a1 = fma(xv, weights[w + 1], a1);
            a2 = fma(xv, weights[w + 2], a2);
            a3 = fma(xv, weights[w + 3], a3);
            a4 = fma(xv, weights[w + 4], a4);
            a5 = fma(xv, weights[w + 5], a5);
            a6 = fma(xv, weights[w + 6], a6);
            a7 = fma(xv, weights[w + 7], a7);
        }
        DoubleVector pp = load(squares, ppAt);
        int nh = k + c0;
        fma(pp, table[nh], a0.add(table[c0])).intoArray(scratch, c0 * LANES);
        fma(pp, table[nh + 1], a1.add(table[c0 + 1])).intoArray(scratch, (c0 + 1) * LANES);
        fma(pp, table[nh + 2], a2.add(table[c0 + 2])).intoArray(scratch, (c0 + 2) * LANES);
        fma(pp, table[nh + 3], a3.add(table[c0 + 3])).intoArray(scratch, (c0 + 3) * LANES);
        fma(pp, table[nh + 4], a4.add(table[c0 + 4])).intoArray(scratch, (c0 + 4) * LANES);
        fma(pp, table[nh + 5], a5.add(table[c0 + 5])).intoArray(scratch, (c0 + 5) * LANES);
        fma(pp, table[nh + 6], a6.add(table[c0 + 6])).intoArray(scratch, (c0 + 6) * LANES);
        fma(pp, table[nh + 7], a7.add(table[c0 + 7])).intoArray(scratch, (c0 + 7) * LANES);
    }

    /** l_c = bias'_c + Σ_j fma(NH_jc, x_j·x_j, fma(W_jc, x_j, ·)) for c0..c0+7. */
    private static void logitsDiagonal8(int d, int xb, int c0, double[] weights, double[] table, double[] xs,
            double[] scratch) {
        DoubleVector a0 = DoubleVector.zero(SPECIES);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector a4 = a0;
        DoubleVector a5 = a0;
        DoubleVector a6 = a0;
        DoubleVector a7 = a0;
        for (int j = 0, w = 2 * c0 * d; j < d; j++, w += 2 * BLOCK) {
            DoubleVector xv = load(xs, xb + j * LANES);
            DoubleVector xx = xv.mul(xv);
            a0 = fma(xx, weights[w + 8], fma(xv, weights[w], a0));
            a1 = fma(xx, weights[w + 9], fma(xv, weights[w + 1], a1));
            a2 = fma(xx, weights[w + 10], fma(xv, weights[w + 2], a2));
            a3 = fma(xx, weights[w + 11], fma(xv, weights[w + 3], a3));
            a4 = fma(xx, weights[w + 12], fma(xv, weights[w + 4], a4));
            a5 = fma(xx, weights[w + 13], fma(xv, weights[w + 5], a5));
            a6 = fma(xx, weights[w + 14], fma(xv, weights[w + 6], a6));
            a7 = fma(xx, weights[w + 15], fma(xv, weights[w + 7], a7));
        }
        a0.add(table[c0]).intoArray(scratch, c0 * LANES);
        a1.add(table[c0 + 1]).intoArray(scratch, (c0 + 1) * LANES);
        a2.add(table[c0 + 2]).intoArray(scratch, (c0 + 2) * LANES);
        a3.add(table[c0 + 3]).intoArray(scratch, (c0 + 3) * LANES);
        a4.add(table[c0 + 4]).intoArray(scratch, (c0 + 4) * LANES);
        a5.add(table[c0 + 5]).intoArray(scratch, (c0 + 5) * LANES);
        a6.add(table[c0 + 6]).intoArray(scratch, (c0 + 6) * LANES);
        a7.add(table[c0 + 7]).intoArray(scratch, (c0 + 7) * LANES);
    }

    /** The logit of one component (the components past the last full block of 8). */
    private static void logitsSingle(boolean diagonal, int d, int k, int xb, int c, int wOff, double[] table,
            double[] xs, double[] scratch, double[] squares, int ppAt) {
        DoubleVector a = DoubleVector.zero(SPECIES);
        for (int j = 0; j < d; j++) {
            DoubleVector xv = load(xs, xb + j * LANES);
            if (diagonal) {
                a = fma(xv.mul(xv), table[k + j * k + c], fma(xv, table[wOff + j * k + c], a));
            } else {
                a = fma(xv, table[wOff + j * k + c], a);
            }
        }
        DoubleVector l = a.add(table[c]);
        if (!diagonal) {
            l = fma(load(squares, ppAt), table[k + c], l);
        }
        l.intoArray(scratch, c * LANES);
    }

    /**
     * Logits to responsibilities in place: m = max_c l_c, e_c = exp(l_c − m), S = Σ_c e_c, r_c = e_c·(1/S);
     * isotropic: also gs = Σ_c fma(g_c, r_c, gs) at {@code gsAt}.
     */
    private static void responsibilities(boolean diagonal, int k, double[] table, double[] scratch, int gsAt) {
        DoubleVector m = load(scratch, 0);
        for (int c = 1; c < k; c++) {
            m = m.max(load(scratch, c * LANES));
        }
        DoubleVector s = DoubleVector.zero(SPECIES);
        for (int c = 0; c < k; c++) {
            // PortableMath.expNonPositive, lane by lane
            DoubleVector y = load(scratch, c * LANES).sub(m).max(EXP_ARGUMENT_FLOOR);
            DoubleVector shifted = y.mul(INV_LN2).add(ROUND_SHIFT);
            DoubleVector kd = shifted.sub(ROUND_SHIFT);
            DoubleVector r = fma(kd, -LN2_HI, y);
            r = fma(kd, -LN2_LO, r);
            DoubleVector p = DoubleVector.broadcast(SPECIES, 1.6059043836821613e-10);
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 2.08767569878681e-09));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 2.505210838544172e-08));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 2.755731922398589e-07));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 2.7557319223985893e-06));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 2.48015873015873e-05));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 0.0001984126984126984));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 0.001388888888888889));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 0.008333333333333333));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 0.041666666666666664));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 0.16666666666666666));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 0.5));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 1.0));
            p = p.fma(r, DoubleVector.broadcast(SPECIES, 1.0));
            // 2^k from the exponent bits: k is the integer in the low mantissa bits of shifted
            LongVector bits = shifted.reinterpretAsLongs().sub(ROUND_SHIFT_BITS - 1023L)
                    .lanewise(VectorOperators.LSHL, 52);
            DoubleVector e = p.mul(bits.reinterpretAsDoubles());
            e.intoArray(scratch, c * LANES);
            s = s.add(e);
        }
        DoubleVector inv = DoubleVector.broadcast(SPECIES, 1.0).div(s);
        DoubleVector gs = DoubleVector.zero(SPECIES);
        for (int c = 0; c < k; c++) {
            DoubleVector r = load(scratch, c * LANES).mul(inv);
            r.intoArray(scratch, c * LANES);
            if (!diagonal) {
                gs = fma(r, table[2 * k + c], gs);
            }
        }
        gs.intoArray(scratch, gsAt);
    }

    /** out[at..] = fma(slope, x_j, f), x_j from the tile at {@code xAt}. */
    private static void store(DoubleVector slope, double[] xs, int xAt, DoubleVector f, double[] out, int at) {
        slope.fma(load(xs, xAt), f).intoArray(out, at);
    }

    /** D_j = fma(gs, x_j, Σ_c fma(F_jc, r_c, ·)) for j0..j0+7. */
    private static void outputIsotropic8(int n, int k, int i, int j0, double[] blocked, double[] xs, int xb,
            double[] scratch, int gsAt, double[] out) {
        DoubleVector f0 = DoubleVector.zero(SPECIES);
        DoubleVector f1 = f0;
        DoubleVector f2 = f0;
        DoubleVector f3 = f0;
        DoubleVector f4 = f0;
        DoubleVector f5 = f0;
        DoubleVector f6 = f0;
        DoubleVector f7 = f0;
        int b = j0 * k;
        for (int c = 0; c < k; c++, b += BLOCK) {
            DoubleVector r = load(scratch, c * LANES);
            f0 = fma(r, blocked[b], f0);
            f1 = fma(r, blocked[b + 1], f1);
            f2 = fma(r, blocked[b + 2], f2);
            f3 = fma(r, blocked[b + 3], f3);
            f4 = fma(r, blocked[b + 4], f4);
            f5 = fma(r, blocked[b + 5], f5);
            f6 = fma(r, blocked[b + 6], f6);
            f7 = fma(r, blocked[b + 7], f7);
        }
        DoubleVector gs = load(scratch, gsAt);
        int at = j0 * n + i;
        int xa = xb + j0 * LANES;
        store(gs, xs, xa, f0, out, at);
        store(gs, xs, xa + LANES, f1, out, at + n);
        store(gs, xs, xa + 2 * LANES, f2, out, at + 2 * n);
        store(gs, xs, xa + 3 * LANES, f3, out, at + 3 * n);
        store(gs, xs, xa + 4 * LANES, f4, out, at + 4 * n);
        store(gs, xs, xa + 5 * LANES, f5, out, at + 5 * n);
        store(gs, xs, xa + 6 * LANES, f6, out, at + 6 * n);
        store(gs, xs, xa + 7 * LANES, f7, out, at + 7 * n);
    }

    /** D_j = fma(Σ_c fma(G_jc, r_c, ·), x_j, Σ_c fma(F_jc, r_c, ·)) for j0..j0+3. */
    private static void outputDiagonal4(int n, int k, int i, int j0, double[] blocked, double[] xs, int xb,
            double[] scratch, double[] out) {
        DoubleVector f0 = DoubleVector.zero(SPECIES);
        DoubleVector f1 = f0;
        DoubleVector f2 = f0;
        DoubleVector f3 = f0;
        DoubleVector g0 = f0;
        DoubleVector g1 = f0;
        DoubleVector g2 = f0;
        DoubleVector g3 = f0;
        int b = 2 * j0 * k;
        for (int c = 0; c < k; c++, b += 2 * DIAG_BLOCK) {
            DoubleVector r = load(scratch, c * LANES);
            f0 = fma(r, blocked[b], f0);
            f1 = fma(r, blocked[b + 1], f1);
            f2 = fma(r, blocked[b + 2], f2);
            f3 = fma(r, blocked[b + 3], f3);
            g0 = fma(r, blocked[b + 4], g0);
            g1 = fma(r, blocked[b + 5], g1);
            g2 = fma(r, blocked[b + 6], g2);
            g3 = fma(r, blocked[b + 7], g3);
        }
        int at = j0 * n + i;
        int xa = xb + j0 * LANES;
        store(g0, xs, xa, f0, out, at);
        store(g1, xs, xa + LANES, f1, out, at + n);
        store(g2, xs, xa + 2 * LANES, f2, out, at + 2 * n);
        store(g3, xs, xa + 3 * LANES, f3, out, at + 3 * n);
    }

    /** One coordinate of the output (the coordinates past the last full block). */
    private static void outputSingle(boolean diagonal, int n, int k, int i, int j, int fOff, int gOff,
            double[] table, double[] xs, int xb, double[] scratch, int gsAt, double[] out) {
        DoubleVector f = DoubleVector.zero(SPECIES);
        DoubleVector g = f;
        for (int c = 0; c < k; c++) {
            DoubleVector r = load(scratch, c * LANES);
            f = fma(r, table[fOff + j * k + c], f);
            if (diagonal) {
                g = fma(r, table[gOff + j * k + c], g);
            }
        }
        store(diagonal ? g : load(scratch, gsAt), xs, xb + j * LANES, f, out, j * n + i);
    }
}
