package io.flowfile.app.catalog;

import io.flowfile.catalog.artifact.FlowArtifactService;
import io.flowfile.catalog.artifact.GlobalArtifactService;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.kernel.KernelCatalog;
import io.flowfile.catalog.run.RunOutputService;
import io.flowfile.catalog.run.RunService;
import io.flowfile.catalog.user.UserSecretService;
import io.flowfile.catalog.user.UserService;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;

/**
 * The catalog's services as the commands and the server use them: a CDI bean (made in
 * {@code service.EngineProducer}). Present when the command line runs as the Quarkus application (as
 * {@code ./flowfile} starts it); absent when a command runs on its own (the quick commands, and
 * tests that call commands without the application).
 */
public record Catalog(FlowService flows, RunService runs, GlobalArtifactService globals, KernelCatalog kernels,
                      FlowArtifactService flowArtifacts, RunOutputService runOutputs, UserService users, UserSecretService secrets) {

    /** The catalog an object made by CDI was given; empty for one made without the container ({@code null}). */
    public static Optional<Catalog> of(Instance<Catalog> injected) {
        return injected == null || !injected.isResolvable() ? Optional.empty() : Optional.of(injected.get());
    }
}
