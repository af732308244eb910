package io.flowfile.app.cli;

import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.ValidatedFlow;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code flowfile validate FLOW}: every problem at once, or the predicted schema of every node. */
@Command(name = "validate", description = "Validate a flow and print every node's predicted output schema.")
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    FlowOptions flow;

    @Mixin
    EngineOptions engineOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (var kernels = engineOptions.kernels(); FlowEngine engine = engineOptions.start(kernels)) {
            ValidatedFlow validated = flow.validate(engine);
            out.printf("Flow '%s' is valid: %d nodes%n", validated.document().name(), validated.nodes().size());
            for (PlannedNode node : validated.nodes()) {
                out.printf("  %s (%s)%n", node.id(), node.type().descriptor().type());
                node.outputs().forEach((port, schema) -> out.printf("    %s: %s%n", port, schema));
            }
            out.flush();
            return 0;
        }
    }
}
