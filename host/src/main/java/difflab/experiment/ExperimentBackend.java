package difflab.experiment;

import difflab.core.Precision;
import java.util.Optional;

/**
 * The backend, device and precision one experiment of a {@code reproduce} run really runs on (issue 10 item 2: an
 * experiment runs on the backend it records, or the option is refused before anything is written).
 *
 * <p>An experiment that samples runs on what was asked for. A java-only one ({@link Experiment#javaOnlyReason()})
 * runs on java in fp64: when it was reached through {@code all} it is redirected there, with a {@link #note()}
 * saying so, and the manifest and rows record java; when it was named explicitly with another backend or precision,
 * {@link #resolve} refuses the option.
 *
 * @param backend   backend id to run and record
 * @param device    device selector (null for the java backend)
 * @param precision precision to run and record
 * @param note      why the run differs from the request, when it does
 */
public record ExperimentBackend(String backend, String device, Precision precision, Optional<String> note) {

    /** The java backend's id. */
    public static final String JAVA = "java";

    /**
     * Where {@code experiment} runs when {@code reproduce} asks for (backend, device, precision).
     *
     * @param named whether the experiment was named on the command line (as opposed to reached through {@code all})
     * @throws IllegalArgumentException (exit 2) when a java-only experiment is named with another backend or precision;
     *                                  the message names the option, its value and the experiment
     */
    public static ExperimentBackend resolve(Experiment experiment, String backend, String device, Precision precision,
            boolean named) {
        Optional<String> javaOnly = experiment.javaOnlyReason();
        boolean asked = !JAVA.equals(backend) || precision != Precision.FP64;
        if (javaOnly.isEmpty() || !asked) {
            return new ExperimentBackend(backend, device, precision, Optional.empty());
        }
        String option = !JAVA.equals(backend) ? "--backend " + backend : "--precision " + precision.id();
        String why = "experiment " + experiment.id() + " runs only on the java backend in fp64: " + javaOnly.get();
        if (named) {
            throw new IllegalArgumentException(option + ": " + why + "; accepted: --backend java --precision fp64 "
                    + "(the defaults) for " + experiment.id() + ", or 'all', which runs it on java and records java");
        }
        return new ExperimentBackend(JAVA, null, Precision.FP64, Optional.of(why + "; run and recorded on java fp64, not "
                + backend + " " + precision.id()));
    }
}
