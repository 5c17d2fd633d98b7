package difflab.sampler;

/**
 * A test-only composition: the first {@code startSteps} steps of {@code starter} (a singlestep sampler whose first
 * stage is the model at the grid point, so the history a multistep method reads is the model at the starter's grid
 * points), then {@code multistep}. With a starter of the multistep method's order this is the classical way to give
 * a multistep method an accurate starting history.
 */
record StartedMultistep(Sampler starter, Sampler multistep, int startSteps) implements Sampler {
    @Override
    public SamplerInfo info() {
        String id = multistep.id() + "(started by " + starter.id() + " x" + startSteps + ")";
        return SamplerInfo.of(id, id, "test composition", multistep.nominalOrder(), multistep.evaluationsPerStep(),
                multistep.historyLength());
    }

    @Override
    public StepProgram step(SamplingContext context, int step) {
        return step < startSteps ? starter.step(context, step) : multistep.step(context, step);
    }
}
