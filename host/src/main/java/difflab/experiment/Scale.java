package difflab.experiment;

/** How much of an experiment's grid of cells to run. */
public enum Scale {
    /** A reduced sweep that finishes within a few minutes on a 2-core machine (the README's main job). */
    QUICK,
    /** The full sweep whose outputs are committed under results/. */
    FULL
}
