package io.flowfile.engine.exec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run.
 *
 * @param runId    the run's id
 * @param state    how it ended
 * @param duration wall time
 * @param outcomes the final event of every node that was part of the run, by node id
 * @param errors   every error, in the order they happened
 */
public record RunResult(String runId, State state, Duration duration, Map<String, NodeEvent> outcomes, List<FlowError> errors) {

    public enum State {
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    public RunResult {
        outcomes = Map.copyOf(outcomes);
        errors = List.copyOf(errors);
    }

    public boolean succeeded() {
        return state == State.SUCCEEDED;
    }
}
