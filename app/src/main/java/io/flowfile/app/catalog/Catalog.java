package io.flowfile.app.catalog;

import io.flowfile.catalog.artifact.FlowArtifactService;
import io.flowfile.catalog.artifact.GlobalArtifactService;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.kernel.KernelCatalog;
import io.flowfile.catalog.run.RunOutputService;
import io.flowfile.catalog.run.RunService;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import java.util.Optional;

/**
 * The catalog's services as the commands use them. Present when the command line runs as the
 * Quarkus application (as {@code ./flowfile} starts it); absent when a command runs on its own
 * (the engine's and kernels' tests call commands without the application).
 */
public record Catalog(FlowService flows, RunService runs, GlobalArtifactService globals, KernelCatalog kernels,
                      FlowArtifactService flowArtifacts, RunOutputService runOutputs) {

    public static Optional<Catalog> current() {
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning()) {
            return Optional.empty();
        }
        return Optional.of(new Catalog(container.instance(FlowService.class).get(), container.instance(RunService.class).get(),
                container.instance(GlobalArtifactService.class).get(), container.instance(KernelCatalog.class).get(),
                container.instance(FlowArtifactService.class).get(), container.instance(RunOutputService.class).get()));
    }
}
