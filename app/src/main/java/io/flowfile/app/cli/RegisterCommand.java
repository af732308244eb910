package io.flowfile.app.cli;

import io.flowfile.app.catalog.Catalog;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.engine.validate.ValidatedFlow;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flowfile register FLOW}: keeps the flow file in the catalog as a new immutable version of
 * the flow named in it; a file equal to the latest version makes no new one. Only a flow that
 * validates is registered. Runs of a registered version are recorded ({@code flowfile run}).
 */
@Command(name = "register", description = "Register a flow file in the catalog as a new version of its flow (unchanged: no new version).")
public final class RegisterCommand implements Callable<Integer> {

    @Mixin
    FlowOptions flow;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--description", paramLabel = "TEXT", description = "The flow's description (default: the document's).")
    String description;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Catalog catalog = engineOptions.requireCatalog(spec);
        ValidatedFlow validated;
        try (var kernels = engineOptions.kernels(); FlowEngine engine = engineOptions.start(kernels)) {
            validated = flow.validate(engine);
        }
        String name = validated.document().name();
        byte[] document = flow.bytes();
        String text = description != null ? description
                : validated.document().description().isBlank() ? null : validated.document().description();
        int before = catalog.flows().find(name).map(found -> found.latest().version()).orElse(0);
        FlowVersionRecord version;
        try {
            version = catalog.flows().register(name, text, document, FlowFormat.of(flow.file()).name().toLowerCase(Locale.ROOT));
        } catch (CatalogException e) {
            spec.commandLine().getErr().println("Cannot register flow '" + name + "': " + e.getMessage());
            return FlowfileCommand.INVALID;
        }
        if (version.version() == before) {
            out.printf(Locale.ROOT, "Flow '%s' is unchanged: still version %d (sha256 %s)%n", name, version.version(),
                    version.contentSha256().substring(0, 12));
        } else {
            out.printf(Locale.ROOT, "Registered flow '%s' version %d (sha256 %s)%n", name, version.version(),
                    version.contentSha256().substring(0, 12));
        }
        out.flush();
        return 0;
    }
}
