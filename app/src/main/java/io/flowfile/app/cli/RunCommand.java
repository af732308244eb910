package io.flowfile.app.cli;

import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.exec.FlowRun;
import io.flowfile.engine.exec.RunResult;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.plan.ExecutionPlan;
import io.flowfile.engine.plan.PlanPrinter;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.app.catalog.Catalog;
import io.flowfile.app.catalog.RunRecorder;
import io.flowfile.engine.exec.RunListener;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "performance", converter = Converters.Mode.class,
            description = "performance (fuse nodes into few statements; default) or development (materialise and cache every node).")
    ExecutionMode executionMode;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (var kernels = engineOptions.kernels(); FlowEngine engine = engineOptions.start(kernels)) {
            ValidatedFlow validated = flow.validate(engine);
            ExecutionPlan plan = engine.plan(validated, executionMode);
            if (explain) {
                out.print(PlanPrinter.explain(plan));
                out.flush();
                return 0;
            }
            out.printf("Running flow '%s' (%d nodes, %d statements, %s mode)%n", validated.document().name(),
                    validated.nodes().size(), plan.stages().size(), executionMode.name().toLowerCase(java.util.Locale.ROOT));
            Optional<RunRecorder> recorder = recorder(validated, out);
            var printer = new ProgressPrinter(out, validated);
            RunListener listener = recorder.<RunListener>map(recording -> event -> {
                printer.onEvent(event);
                recording.onEvent(event);
            }).orElse(printer);
            UUID runId = recorder.map(recording -> recording.run().id()).orElseGet(UUID::randomUUID);
            try (FlowRun run = engine.start(plan, listener, runId)) {
                var ended = new CountDownLatch(1);
                Thread cancelOnInterrupt = new Thread(() -> cancelAndWait(run, ended), "flowfile-cancel");
                Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
                try {
                    RunResult result;
                    try {
                        result = run.execute();
                    } catch (RuntimeException | Error e) {
                        recorder.ifPresent(recording -> recording.crashed(e)); // not left RUNNING in the catalog
                        throw e;
                    }
                    printer.summary(result);
                    recorder.ifPresent(recording -> recording.finish(result).ifPresentOrElse(
                            failure -> spec.commandLine().getErr().println("The catalog could not record all of run "
                                    + recording.run().id() + ": " + failure.getMessage()),
                            () -> out.printf("Recorded in the catalog as a run of flow '%s' version %d%s%n",
                                    validated.document().name(), recording.run().flowVersion(), recording.displaysKept() == 0 ? ""
                                            : " (" + recording.displaysKept() + " display" + (recording.displaysKept() == 1 ? "" : "s") + " kept)")));
                    out.flush();
                    return switch (result.state()) {
                        case SUCCEEDED -> 0;
                        case FAILED -> FlowfileCommand.RUN_FAILED;
                        case CANCELLED -> FlowfileCommand.CANCELLED;
                    };
                } finally {
                    ended.countDown();
                    removeHook(cancelOnInterrupt);
                }
            }
        }
    }

    /**
     * On Ctrl-C (the JVM's shutdown): cancels the run and waits, at most 30 s, until it has ended and
     * said so. The JVM exits when its shutdown hooks return: without the wait it could exit before
     * a cancelled writer had removed its temporary file.
     */
    private static void cancelAndWait(FlowRun run, CountDownLatch ended) {
        run.cancel();
        try {
            ended.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A recorder when the flow file is a registered version of its flow; otherwise a line saying
     * why the run is not recorded (only when the flow is registered under that name at all).
     */
    private Optional<RunRecorder> recorder(ValidatedFlow validated, PrintWriter out) {
        Optional<Catalog> catalog = engineOptions.catalog();
        if (catalog.isEmpty()) {
            return Optional.empty();
        }
        String name = validated.document().name();
        byte[] document = flow.bytes();
        return switch (RunRecorder.registration(catalog.get(), name, document)) {
            case RunRecorder.Registration.NotRegistered notRegistered -> Optional.empty();
            case RunRecorder.Registration.Changed changed -> {
                out.printf("Flow '%s' is registered, but this file is none of its versions: the run is not recorded"
                        + " (`flowfile register %s` makes it version %d)%n", name, flow.file(), changed.flow().latest().version() + 1);
                yield Optional.empty();
            }
            case RunRecorder.Registration.Registered registered -> {
                var types = new HashMap<String, String>();
                validated.document().nodes().forEach(node -> types.put(node.id(), node.type()));
                yield Optional.of(RunRecorder.start(catalog.get(), registered.version(), flow.parameters(), types));
            }
        };
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting because of Ctrl-C; the hook has cancelled the run
        }
    }
}
