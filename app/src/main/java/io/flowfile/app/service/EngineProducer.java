package io.flowfile.app.service;

import io.flowfile.app.catalog.Catalog;
import io.flowfile.app.config.FileRoots;
import io.flowfile.app.config.FlowfileConfig;
import io.flowfile.app.kernel.LazyKernelGateway;
import io.flowfile.catalog.artifact.FlowArtifactService;
import io.flowfile.catalog.artifact.GlobalArtifactService;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.kernel.KernelCatalog;
import io.flowfile.catalog.run.RunOutputService;
import io.flowfile.catalog.run.RunService;
import io.flowfile.catalog.user.UserSecretService;
import io.flowfile.catalog.user.UserService;
import io.flowfile.engine.EngineConfig;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.registry.NodeRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The server's one engine, kernel plane and catalog, made when first used (a command of the
 * command line that needs none of them never makes them) and closed when the application stops.
 * In the server, user SQL and file nodes reach only the configured file roots, and code nodes only
 * the kernels of the user they run for ({@link UserEngines}).
 */
public final class EngineProducer {

    @Produces
    @Singleton
    LazyKernelGateway kernels(FlowfileConfig config, Catalog catalog) {
        return new LazyKernelGateway(config.dataDirectory(), java.util.Optional.of(catalog));
    }

    void closeKernels(@Disposes LazyKernelGateway kernels) {
        kernels.close(); // detaches: kernels keep running for the next start to re-adopt
    }

    @Produces
    @Singleton
    NodeRegistry registry(NodeTypesService nodeTypes, FlowfileConfig config, FileRoots roots) {
        var log = org.jboss.logging.Logger.getLogger(EngineProducer.class);
        java.nio.file.Path plugins = config.pluginsDirectory().orElse(config.dataDirectory().resolve("plugins"));
        String inRoot = FileRoots.inside(roots.all(), plugins);
        if (inRoot != null) {
            log.errorf("plugins not loaded: the plugins directory %s is inside the file root %s, where users can write; "
                    + "move it out (flowfile.plugins-dir)", plugins, inRoot);
            return nodeTypes.load(NodeRegistry.load(EngineProducer.class.getClassLoader()));
        }
        return nodeTypes.load(NodeRegistry.load(EngineProducer.class.getClassLoader(), plugins, log::error));
    }

    @Produces
    @Singleton
    FlowEngine engine(FlowfileConfig config, FileRoots roots, NodeRegistry registry) {
        EngineConfig engineConfig = EngineConfig.defaults(config.dataDirectory()).withFileRoots(roots.all());
        // no kernels of its own: work done for a user reaches that user's kernels through UserEngines
        int nice = config.server().runNice();
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("flowfile.server.run-nice must be between 0 and 19 (a Linux nice value), was " + nice);
        }
        return FlowEngine.create(engineConfig, registry, () -> CpuPriority.lowerCurrentThread(nice));
    }

    void closeEngine(@Disposes FlowEngine engine) {
        engine.close();
    }

    @Produces
    @Singleton
    Catalog catalog(FlowService flows, RunService runs, GlobalArtifactService globals, KernelCatalog kernels,
                    FlowArtifactService flowArtifacts, RunOutputService runOutputs, UserService users,
                    UserSecretService secrets) {
        return new Catalog(flows, runs, globals, kernels, flowArtifacts, runOutputs, users, secrets);
    }
}
