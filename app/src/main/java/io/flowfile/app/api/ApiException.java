package io.flowfile.app.api;

import static java.util.Objects.requireNonNull;

import io.flowfile.engine.Problem;
import java.util.List;
import java.util.Map;

/** A request the server refuses, with the code, message and problems of the error body. */
public class ApiException extends RuntimeException {

    private final ServerErrorCode code;
    private final List<Problem> problems;
    private final Map<String, Object> details;

    public ApiException(ServerErrorCode code, String message) {
        this(code, message, List.of(), Map.of());
    }

    public ApiException(ServerErrorCode code, String message, List<Problem> problems) {
        this(code, message, problems, Map.of());
    }

    public ApiException(ServerErrorCode code, String message, List<Problem> problems, Map<String, Object> details) {
        super(message);
        this.code = requireNonNull(code, "code is null");
        this.problems = List.copyOf(problems);
        this.details = Map.copyOf(details);
    }

    /** Facts of this error a client acts on, e.g. {@code currentRevision} of a stale edit. */
    public Map<String, Object> details() {
        return details;
    }

    public ServerErrorCode code() {
        return code;
    }

    public List<Problem> problems() {
        return problems;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ServerErrorCode.NOT_FOUND, what + " not found");
    }
}
