package io.flowfile.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flowfile.engine.Problem;
import java.util.List;
import java.util.Map;

/**
 * Every error the API answers.
 *
 * @param code     the numbered code (engine 2xx, catalog 4xx, server 7xx, ...)
 * @param name     the code's name, e.g. {@code STALE_REVISION}
 * @param type     who has to act: USER_ERROR, INTERNAL_ERROR, EXTERNAL, INSUFFICIENT_RESOURCES
 * @param message  what is wrong, naming the thing concerned
 * @param problems each problem of a flow, located
 * @param errorId  for an internal error: the id under which the server logged it
 * @param details  extra facts of this error (e.g. {@code currentRevision} of a 409)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int code, String name, String type, String message, List<ProblemDto> problems, String errorId,
                       Map<String, Object> details) {

    /** One problem of a flow: node, where in it, code and message. */
    public record ProblemDto(String node, String path, int code, String name, String message) {

        public static ProblemDto of(Problem problem) {
            return new ProblemDto(problem.nodeId(), problem.path(), problem.code().code(), problem.code().name(), problem.message());
        }
    }

    public static List<ProblemDto> problems(List<Problem> problems) {
        return problems.stream().map(ProblemDto::of).toList();
    }
}
