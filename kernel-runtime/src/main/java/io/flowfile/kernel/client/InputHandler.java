package io.flowfile.kernel.client;

import io.flowfile.kernel.protocol.Content;

/**
 * Answers {@code input()} in user code. An execution started without one runs with
 * {@code allow_stdin=false}, so {@code input()} raises StdinNotImplementedError in the cell.
 */
@FunctionalInterface
public interface InputHandler {

    /** The line the user typed; throwing interrupts the cell (KeyboardInterrupt at the prompt). */
    String answer(Content.InputRequest request) throws Exception;
}
