package io.flowfile.kernel.client;

import java.util.concurrent.CompletableFuture;

/** A running execution: its request id and the result that completes with the reply. */
public record Execution(String messageId, CompletableFuture<ExecutionResult> result) {}
