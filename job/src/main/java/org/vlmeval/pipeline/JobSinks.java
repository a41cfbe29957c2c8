package org.vlmeval.pipeline;

/** Where a pipeline's outputs go; production wiring and tests provide their own. */
@FunctionalInterface
public interface JobSinks {

    /** Attaches sinks to the outputs; called once, while the job graph is built. */
    void attach(JobOutputs outputs);
}
