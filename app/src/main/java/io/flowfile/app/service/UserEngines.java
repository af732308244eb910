package io.flowfile.app.service;

import static java.util.Objects.requireNonNull;

import io.flowfile.app.kernel.LazyKernelGateway;
import io.flowfile.engine.FlowEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The server's one engine as each user uses it: validation (a Python node type's
 * {@code predict_schema} runs on its kernel then), runs, previews and cells done for a user reach
 * that user's kernels only, as the kernel manager records their owner. Every other kernel is
 * missing to them, its id listed nowhere. Admins too: they run code on no kernel but their own.
 */
@ApplicationScoped
public class UserEngines {

    @Inject
    FlowEngine engine;

    @Inject
    LazyKernelGateway kernels;

    /** The engine for work done on behalf of {@code username}. */
    public FlowEngine of(String username) {
        requireNonNull(username, "username is null");
        return engine.withKernels(kernels.forOwner(username));
    }
}
