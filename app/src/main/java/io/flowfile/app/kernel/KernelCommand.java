package io.flowfile.app.kernel;

import io.flowfile.app.cli.EngineOptions;
import io.flowfile.kernel.KernelErrorCode;
import io.flowfile.kernel.KernelException;
import io.flowfile.kernel.manager.KernelDefinition;
import io.flowfile.kernel.manager.KernelInfo;
import io.flowfile.kernel.manager.RecoveryMode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowfile kernel define|start|stop|list|remove|image build}: kernels on the local Docker engine. */
@Command(name = "kernel", description = "Kernels: define, start, stop, list and remove them (options before the subcommand, e.g. flowfile kernel --data-dir D list); build the kernel image.",
        subcommands = KernelImageCommand.class)
public final class KernelCommand {

    @Mixin
    EngineOptions engine;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Command(name = "define", description = "Define (or redefine) a kernel.")
    int define(@Parameters(paramLabel = "ID") String id,
               @Option(names = "--name") String name,
               @Option(names = "--owner", defaultValue = "local") String owner,
               @Option(names = "--memory-gb", defaultValue = "2") double memoryGb,
               @Option(names = "--cpus", defaultValue = "1") double cpus,
               @Option(names = "--gpus", defaultValue = "0") int gpus,
               @Option(names = "--package", description = "An extra pip requirement (repeatable); makes a locked derived image.") List<String> packages,
               @Option(names = "--recovery", defaultValue = "lazy", description = "lazy, eager or clear") String recovery,
               @Option(names = "--idle-timeout", defaultValue = "0", description = "Minutes without execution before the kernel stops; 0 for never.") long idleMinutes,
               @Option(names = "--max-lifetime", defaultValue = "0", description = "Minutes after start before the kernel stops; 0 for never.") long lifetimeMinutes) {
        return withPlane(plane -> {
            RecoveryMode mode;
            try {
                mode = RecoveryMode.valueOf(recovery.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new KernelException(KernelErrorCode.INVALID_DEFINITION,
                        "--recovery must be lazy, eager or clear, was '" + recovery + "'");
            }
            plane.define(new KernelDefinition(id, name, owner, packages, memoryGb, cpus, gpus, mode,
                    Duration.ofMinutes(idleMinutes), Duration.ofMinutes(lifetimeMinutes)));
            out().println("defined kernel '" + id + "'");
        });
    }

    @Command(name = "start", description = "Start a kernel (it keeps running after this command).")
    int start(@Parameters(paramLabel = "ID") String id) {
        return withPlane(plane -> {
            try {
                KernelInfo info = plane.manager().start(id).get(10, TimeUnit.MINUTES);
                out().println("kernel '" + id + "' is " + info.state() + " (container "
                        + info.containerId().map(c -> c.substring(0, Math.min(12, c.length()))).orElse("?")
                        + ", connection file " + info.connectionFile().map(Object::toString).orElse("-") + ")");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof KernelException k ? k
                        : new KernelException(KernelErrorCode.INTERNAL, "kernel '" + id + "' did not start: " + e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new KernelException(KernelErrorCode.KERNEL_NOT_READY, "kernel '" + id + "' did not start within 10 min");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KernelException(KernelErrorCode.CANCELLED, "interrupted while kernel '" + id + "' was starting");
            }
        });
    }

    @Command(name = "stop", description = "Stop a kernel and remove its container.")
    int stop(@Parameters(paramLabel = "ID") String id) {
        return withPlane(plane -> out().println("kernel '" + id + "' is " + plane.manager().stop(id, "stopped from the command line").state()));
    }

    @Command(name = "remove", description = "Stop a kernel and forget its definition.")
    int remove(@Parameters(paramLabel = "ID") String id) {
        return withPlane(plane -> {
            plane.forget(id);
            out().println("removed kernel '" + id + "'");
        });
    }

    @Command(name = "list", description = "Kernels with their state, resources and memory use.")
    int list() {
        return withPlane(plane -> {
            for (KernelInfo info : plane.manager().list()) {
                KernelDefinition definition = info.definition();
                out().printf(Locale.ROOT, "%-20s %-10s %5.1f GB %4.1f CPU  owner %-10s %s%n", info.id(), info.state(),
                        definition.memoryGb(), definition.cpus(), definition.owner(), info.reason());
            }
        });
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private int withPlane(java.util.function.Consumer<KernelPlane> action) {
        try (KernelPlane plane = KernelPlane.open(engine.dataDirectory(), engine.catalog())) {
            action.accept(plane);
            out().flush();
            return 0;
        } catch (KernelException e) {
            spec.commandLine().getErr().println("flowfile: " + e.getMessage());
            return 1;
        }
    }
}
