package io.flowfile.node;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by a settings record's constructor; carries every problem it found. */
public class InvalidSettingsException extends IllegalArgumentException {

    /**
     * @param path    setting path relative to the record, e.g. {@code keys[1].column}
     * @param message what is wrong and what is allowed
     */
    public record Problem(String path, String message) {
    }

    private final List<Problem> problems;

    public InvalidSettingsException(List<Problem> problems) {
        super(problems.stream().map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
