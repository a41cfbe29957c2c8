package org.vlmeval.options;

/**
 * An option with a value it cannot take. {@link #field()} is the option's name as a user writes it
 * in YAML ({@code batch_size}, {@code topics[1]}), relative to the options object that raised it;
 * the configuration loader puts the file name and the path to that object in front, so a user reads
 * {@code job.yaml: sinks.store.batch_size: must be in [1, 10000], was 0}.
 */
public class InvalidOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /**
     * @param field the option's YAML name, or "" when the problem is the object's as a whole
     * @param problem what is wrong, e.g. {@code must be > 0, was 0}
     */
    public InvalidOptionException(String field, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
