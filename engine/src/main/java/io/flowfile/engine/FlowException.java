package io.flowfile.engine;

import io.flowfile.node.ErrorCode;
import java.util.List;
import java.util.stream.Collectors;

/** A flow that cannot be loaded, validated or run; carries every problem found. */
public class FlowException extends RuntimeException {

    private final List<Problem> problems;

    public FlowException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public FlowException(ErrorCode code, String message) {
        this(List.of(Problem.ofDocument(null, code, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
