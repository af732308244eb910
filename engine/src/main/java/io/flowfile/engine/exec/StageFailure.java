package io.flowfile.engine.exec;

/** A stage that did not complete, with the error attributed to one of its nodes. */
final class StageFailure extends Exception {

    private final FlowError error;
    private final boolean cancelled;

    StageFailure(FlowError error, boolean cancelled, Throwable cause) {
        super(error.message(), cause);
        this.error = error;
        this.cancelled = cancelled;
    }

    FlowError error() {
        return error;
    }

    boolean cancelled() {
        return cancelled;
    }
}
