package difflab.sampler;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import difflab.run.Particles;

/** Pathwise error measures shared by the order tests. */
public final class PathwiseError {
    private PathwiseError() {
    }

    /** sqrt(mean over particles of |x<sub>i</sub> − y<sub>i</sub>|²). */
    public static double rms(Particles a, Particles b) {
        double sum = 0;
        for (int i = 0; i < a.count(); i++) {
            for (int j = 0; j < a.dimension(); j++) {
                double e = a.get(i, j) - b.get(i, j);
                sum += e * e;
            }
        }
        return Math.sqrt(sum / a.count());
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
