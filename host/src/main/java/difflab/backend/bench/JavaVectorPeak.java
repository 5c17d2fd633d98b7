package difflab.backend.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The java backend's multiply-add peak: {@value #ACCUMULATORS} independent {@code DoubleVector} accumulators
 * ({@link DoubleVector#SPECIES_PREFERRED}) each updated {@code a = fma(a, m, c)} per round, held in registers
 * (no loads or stores in the loop), so the loop issues as many vector FMAs per cycle as the core has FMA pipes
 * once the accumulators cover their latency. Flops per call: {@code 2 · LANES · ACCUMULATORS · rounds}.
 * Used only where {@code jdk.incubator.vector} is in the boot layer ({@link difflab.kernels.GmmDenoiser#VECTORISED}).
 */
final class JavaVectorPeak {
    /** Independent FMA chains per thread (16 vector registers of AVX-512's 32). */
    static final int ACCUMULATORS = 16;
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector. */
    static final int LANES = SPECIES.length();

    private JavaVectorPeak() {
    }

    /** Runs {@code rounds} rounds; returns the accumulators' sum so that the loop is not dead code. */
    static double run(long rounds) {
        DoubleVector m = DoubleVector.broadcast(SPECIES, 0.999);
        DoubleVector c = DoubleVector.broadcast(SPECIES, 1e-3);
        DoubleVector a0 = DoubleVector.broadcast(SPECIES, 1.00);
        DoubleVector a1 = DoubleVector.broadcast(SPECIES, 1.01);
        DoubleVector a2 = DoubleVector.broadcast(SPECIES, 1.02);
        DoubleVector a3 = DoubleVector.broadcast(SPECIES, 1.03);
        DoubleVector a4 = DoubleVector.broadcast(SPECIES, 1.04);
        DoubleVector a5 = DoubleVector.broadcast(SPECIES, 1.05);
        DoubleVector a6 = DoubleVector.broadcast(SPECIES, 1.06);
        DoubleVector a7 = DoubleVector.broadcast(SPECIES, 1.07);
        DoubleVector a8 = DoubleVector.broadcast(SPECIES, 1.08);
        DoubleVector a9 = DoubleVector.broadcast(SPECIES, 1.09);
        DoubleVector a10 = DoubleVector.broadcast(SPECIES, 1.10);
        DoubleVector a11 = DoubleVector.broadcast(SPECIES, 1.11);
        DoubleVector a12 = DoubleVector.broadcast(SPECIES, 1.12);
        DoubleVector a13 = DoubleVector.broadcast(SPECIES, 1.13);
        DoubleVector a14 = DoubleVector.broadcast(SPECIES, 1.14);
        DoubleVector a15 = DoubleVector.broadcast(SPECIES, 1.15);
        for (long r = 0; r < rounds; r++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
            a12 = a12.fma(m, c);
            a13 = a13.fma(m, c);
            a14 = a14.fma(m, c);
            a15 = a15.fma(m, c);
        }
        DoubleVector s = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10)
                .add(a11).add(a12).add(a13).add(a14).add(a15);
        return s.reduceLanes(VectorOperators.ADD);
    }

    /** Flops of one {@link #run} call. */
    static double flops(long rounds) {
        return 2.0 * LANES * ACCUMULATORS * rounds;
    }
}
