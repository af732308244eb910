package io.flowfile.app.cli;

import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.exec.FlowRun;
import io.flowfile.engine.exec.RunResult;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.plan.ExecutionPlan;
import io.flowfile.engine.plan.PlanPrinter;
import io.flowfile.engine.validate.ValidatedFlow;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowfile run FLOW}: runs a flow headlessly with progress per node. */
@Command(name = "run", description = "Run a flow: progress per node, a summary, exit 0 on success.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    FlowOptions flow;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--explain", description = "Print the plan and its SQL instead of running.")
    boolean explain;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "performance",
            description = "performance (fuse nodes into few statements; default) or development (materialise and cache every node).")
    String mode;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ExecutionMode executionMode = Modes.parse(mode);
        try (var kernels = engineOptions.kernels(); FlowEngine engine = engineOptions.start(kernels)) {
            ValidatedFlow validated = flow.validate(engine);
            ExecutionPlan plan = engine.plan(validated, executionMode);
            if (explain) {
                out.print(PlanPrinter.explain(plan));
                out.flush();
                return 0;
            }
            out.printf("Running flow '%s' (%d nodes, %d statements, %s mode)%n", validated.document().name(),
                    validated.nodes().size(), plan.stages().size(), mode);
            var printer = new ProgressPrinter(out, validated);
            try (FlowRun run = engine.start(plan, printer)) {
                Thread cancelOnInterrupt = new Thread(run::cancel, "flowfile-cancel");
                Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
                RunResult result = run.execute();
                removeHook(cancelOnInterrupt);
                printer.summary(result);
                return switch (result.state()) {
                    case SUCCEEDED -> 0;
                    case FAILED -> FlowfileCommand.RUN_FAILED;
                    case CANCELLED -> FlowfileCommand.CANCELLED;
                };
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting because of Ctrl-C; the hook has cancelled the run
        }
    }
}
