package io.flowfile.kernel.client;

import io.flowfile.kernel.protocol.Content;

/**
 * Receives an execution's outputs in the order the kernel published them, on the client's callback
 * thread (never the socket thread). Implement only what you need.
 */
public interface ExecutionListener {

    ExecutionListener NONE = new ExecutionListener() {};

    default void onStream(Content.Stream stream) {}

    default void onDisplayData(Content.DisplayData display) {}

    default void onUpdateDisplayData(Content.UpdateDisplayData update) {}

    default void onExecuteResult(Content.ExecuteResult result) {}

    default void onError(Content.Error error) {}

    default void onClearOutput(Content.ClearOutput clear) {}
}
