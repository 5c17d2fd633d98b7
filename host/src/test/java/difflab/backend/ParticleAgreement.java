package difflab.backend;

import difflab.core.Particles;

/** The error measure of every cross-backend test. */
public final class ParticleAgreement {
    private ParticleAgreement() {
    }

    /** max over particles of ‖got − ref‖∞ / max(‖ref‖∞, 1). */
    public static double relativeError(Particles got, Particles ref) {
        double worst = 0;
        for (int i = 0; i < ref.count(); i++) {
            double diff = 0;
            double norm = 1.0;
            for (int j = 0; j < ref.dimension(); j++) {
                diff = Math.max(diff, Math.abs(got.get(i, j) - ref.get(i, j)));
                norm = Math.max(norm, Math.abs(ref.get(i, j)));
            }
            worst = Math.max(worst, diff / norm);
        }
        return worst;
    }
}
