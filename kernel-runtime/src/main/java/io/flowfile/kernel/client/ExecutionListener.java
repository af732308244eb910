package io.flowfile.kernel.client;

import io.flowfile.kernel.protocol.Content;
import io.flowfile.kernel.protocol.JupyterMessage;

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

    /**
     * A comm message (comm_open, comm_msg, comm_close) the kernel sent while running this
     * execution: its parent is this execution's request. The client's listeners get it as well.
     */
    default void onComm(JupyterMessage message) {}
}
