package io.flowfile.engine.exec;

/** Receives node events as they happen, from the executor's threads. Must not block. */
@FunctionalInterface
public interface RunListener {

    RunListener NONE = event -> {
    };

    void onEvent(NodeEvent event);
}
