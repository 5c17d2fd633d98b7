package difflab.sampler;

import difflab.core.Particles;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/** The error measure and order fit shared by the order tests. */
public final class PathwiseError {
    private PathwiseError() {
    }

    /** RMS pathwise error over all particles ({@link difflab.metrics.PathwiseError#rms}). */
    public static double rms(Particles a, Particles b) {
        return difflab.metrics.PathwiseError.rms(a, b);
    }

    /** −slope of log error on log steps over all points (the caller picks the window), by least squares. */
    public static double fittedOrder(int[] steps, double[] errors) {
        SimpleRegression regression = new SimpleRegression();
        for (int i = 0; i < steps.length; i++) {
            regression.addData(Math.log(steps[i]), Math.log(errors[i]));
        }
        return -regression.getSlope();
    }
}
