package io.flowfile.app.cli;

import io.flowfile.app.catalog.Catalog;
import io.flowfile.catalog.CatalogException;
import io.flowfile.catalog.api.FlowArtifactRecord;
import io.flowfile.catalog.api.FlowRecord;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.GlobalArtifactRecord;
import io.flowfile.catalog.api.NodeResult;
import io.flowfile.catalog.api.RunOutputRecord;
import io.flowfile.catalog.api.RunRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flowfile catalog ...}: what the catalog keeps — registered flows and their versions, runs
 * with their node results and displays, global artifacts with versions and lineage, flow-scoped
 * artifact records. Read only.
 */
@Command(name = "catalog", description = "What the catalog keeps: flows, versions, runs, displays, artifacts.",
        subcommands = {CatalogCommand.Flows.class, CatalogCommand.Versions.class, CatalogCommand.Runs.class,
                CatalogCommand.Run.class, CatalogCommand.Artifacts.class, CatalogCommand.FlowArtifacts.class})
public final class CatalogCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** A subcommand: the catalog or a message saying how to get one; a catalog error is the command's error. */
    abstract static class Query implements Callable<Integer> {

        @CommandLine.Mixin
        DataDirectoryOption dataDirectory;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() throws IOException {
            Catalog catalog = dataDirectory.requireCatalog(spec);
            PrintWriter out = spec.commandLine().getOut();
            try {
                int code = query(catalog, out);
                out.flush();
                return code;
            } catch (CatalogException e) {
                out.flush();
                spec.commandLine().getErr().println(e.getMessage());
                spec.commandLine().getErr().flush();
                return FlowfileCommand.INVALID;
            }
        }

        abstract int query(Catalog catalog, PrintWriter out) throws IOException;
    }

    @Command(name = "flows", description = "Registered flows with their latest version.")
    static final class Flows extends Query {
        @Override
        int query(Catalog catalog, PrintWriter out) {
            List<FlowRecord> flows = catalog.flows().list();
            if (flows.isEmpty()) {
                out.println("No registered flows: flowfile register FLOW adds one.");
                return 0;
            }
            out.printf(Locale.ROOT, "%-32s %7s  %-12s  %-20s  %s%n", "FLOW", "VERSION", "SHA256", "REGISTERED", "DESCRIPTION");
            for (FlowRecord flow : flows) {
                out.printf(Locale.ROOT, "%-32s %7d  %-12s  %-20s  %s%n", flow.name(), flow.latest().version(),
                        flow.latest().contentSha256().substring(0, 12), time(flow.latest().createdAt()),
                        flow.description() == null ? "" : flow.description());
            }
            return 0;
        }
    }

    @Command(name = "versions", description = "The versions of a registered flow.")
    static final class Versions extends Query {
        @Parameters(paramLabel = "FLOW", description = "The flow's name.")
        String flow;

        @Override
        int query(Catalog catalog, PrintWriter out) {
            out.printf(Locale.ROOT, "%7s  %-64s  %-6s %10s  %s%n", "VERSION", "SHA256", "FORMAT", "BYTES", "REGISTERED");
            for (FlowVersionRecord version : catalog.flows().versions(flow)) {
                out.printf(Locale.ROOT, "%7d  %-64s  %-6s %10d  %s%n", version.version(), version.contentSha256(), version.format(),
                        version.sizeBytes(), time(version.createdAt()));
            }
            return 0;
        }
    }

    @Command(name = "runs", description = "Recorded runs of a registered flow, newest first.")
    static final class Runs extends Query {
        @Parameters(paramLabel = "FLOW", description = "The flow's name.")
        String flow;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many runs (default: 20).")
        int limit;

        @Override
        int query(Catalog catalog, PrintWriter out) {
            catalog.flows().get(flow); // an unknown flow is an error naming it, not an empty list
            List<RunRecord> runs = catalog.runs().listForFlow(flow, limit);
            if (runs.isEmpty()) {
                out.println("Flow '" + flow + "' has no recorded runs: flowfile run FLOW records a run of a registered version.");
                return 0;
            }
            out.printf(Locale.ROOT, "%-36s %7s  %-9s  %-9s  %-20s  %9s%n", "RUN", "VERSION", "TRIGGER", "STATE", "STARTED", "DURATION");
            for (RunRecord run : runs) {
                out.printf(Locale.ROOT, "%-36s %7d  %-9s  %-9s  %-20s  %9s%n", run.id(), run.flowVersion(), lower(run.trigger()),
                        lower(run.state()), time(run.startedAt() != null ? run.startedAt() : run.queuedAt()), duration(run));
            }
            return 0;
        }
    }

    @Command(name = "run", description = "One run: its state, every node's result and what its nodes displayed.")
    static final class Run extends Query {
        @Parameters(paramLabel = "RUN", description = "The run's id (flowfile catalog runs FLOW lists them).")
        String id;

        @Option(names = "--save-displays", paramLabel = "DIR",
                description = "Also write each display's representations to DIR as <seq>-<node>.<ext> (a chart as its PNG).")
        Path saveTo;

        @Override
        int query(Catalog catalog, PrintWriter out) throws IOException {
            UUID runId;
            try {
                runId = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("'" + id + "' is not a run id (a UUID): flowfile catalog runs FLOW lists them");
                return FlowfileCommand.INVALID;
            }
            RunRecord run = catalog.runs().get(runId);
            String flow = catalog.flows().version(run.flowVersionId()).name();
            out.printf(Locale.ROOT, "Run %s of flow '%s' version %d: %s (%s), started %s, %s%n", run.id(), flow, run.flowVersion(),
                    lower(run.state()), lower(run.trigger()), time(run.startedAt() != null ? run.startedAt() : run.queuedAt()), duration(run));
            if (run.error() != null) {
                out.println("  error: " + run.error().message());
            }
            out.printf(Locale.ROOT, "%n  %-24s %-16s %-9s %12s %9s%n", "NODE", "TYPE", "STATE", "ROWS", "TIME");
            for (NodeResult node : catalog.runs().nodes(runId)) {
                out.printf(Locale.ROOT, "  %-24s %-16s %-9s %12s %9s%s%n", node.nodeId(), node.nodeType(), lower(node.state()),
                        node.rows() < 0 ? "" : String.format(Locale.ROOT, "%,d", node.rows()),
                        node.durationMillis() < 0 ? "" : String.format(Locale.ROOT, "%.3f s", node.durationMillis() / 1e3),
                        (node.cached() ? " [cache]" : "") + (node.error() != null ? "  " + node.error().message() : ""));
            }
            List<RunOutputRecord> displays = catalog.runOutputs().list(runId);
            if (displays.isEmpty()) {
                return 0;
            }
            out.printf(Locale.ROOT, "%n  %3s %-24s %-28s %-24s %10s  %s%n", "#", "NODE", "TITLE", "TYPE", "BYTES", "KEPT");
            for (RunOutputRecord display : displays) {
                out.printf(Locale.ROOT, "  %3d %-24s %-28s %-24s %10d  %s%n", display.seq(), display.nodeId(),
                        display.title() == null ? "" : display.title(), display.mimeType(), display.sizeBytes(),
                        display.inline() ? "inline" : "blob " + display.blobSha256().substring(0, 12));
            }
            if (saveTo != null) {
                Files.createDirectories(saveTo);
                for (RunOutputRecord display : displays) {
                    Path file = saveTo.resolve(display.seq() + "-" + display.nodeId() + "." + extension(display.mimeType()));
                    Files.write(file, catalog.runOutputs().content(display));
                    out.println("  saved " + file);
                }
            }
            return 0;
        }

        private static String extension(String mimeType) {
            return switch (mimeType) {
                case "image/png" -> "png";
                case "image/jpeg" -> "jpg";
                case "image/svg+xml" -> "svg";
                case "text/html" -> "html";
                case "text/markdown" -> "md";
                case "application/json" -> "json";
                case "text/plain" -> "txt";
                default -> mimeType.endsWith("+json") ? "json" : "bin";
            };
        }
    }

    @Command(name = "artifacts", description = "Global artifacts (latest versions), or every version of one with its lineage.")
    static final class Artifacts extends Query {
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "An artifact's name: list its versions.")
        String name;

        @Option(names = "--tag", paramLabel = "TAG", description = "Only artifacts with all of these tags.")
        Set<String> tags = Set.of();

        @Override
        int query(Catalog catalog, PrintWriter out) {
            List<GlobalArtifactRecord> artifacts = name != null ? catalog.globals().versions(name) : catalog.globals().list(tags);
            if (artifacts.isEmpty()) {
                out.println("No global artifacts" + (tags.isEmpty() ? "" : " tagged " + String.join(", ", tags))
                        + ": flowfile.publish_global(name, obj) in a registered flow's Python node publishes one.");
                return 0;
            }
            out.printf(Locale.ROOT, "%-28s %7s  %-36s %-11s %12s  %-12s  %-20s  %s%n", "NAME", "VERSION", "TYPE", "FORMAT", "BYTES",
                    "SHA256", "PUBLISHED", "LINEAGE / TAGS / DESCRIPTION");
            for (GlobalArtifactRecord artifact : artifacts) {
                String lineage = "flow '" + artifact.flowName() + "' v" + artifact.lineage().flowVersion() + ", run "
                        + artifact.lineage().runId() + ", node " + artifact.lineage().nodeId() + ", kernel " + artifact.lineage().kernelId();
                out.printf(Locale.ROOT, "%-28s %7d  %-36s %-11s %12d  %-12s  %-20s  %s%s%s%n", artifact.name(), artifact.version(),
                        artifact.pythonType(), lower(artifact.format()), artifact.sizeBytes(), artifact.sha256().substring(0, 12),
                        time(artifact.createdAt()), lineage, artifact.tags().isEmpty() ? "" : "; tags " + String.join(", ", artifact.tags()),
                        artifact.description() == null ? "" : "; " + artifact.description());
            }
            return 0;
        }
    }

    @Command(name = "flow-artifacts", description = "The flow-scoped artifacts a kernel holds, per flow.")
    static final class FlowArtifacts extends Query {
        @Parameters(paramLabel = "KERNEL", description = "The kernel's id.")
        String kernel;

        @Override
        int query(Catalog catalog, PrintWriter out) {
            catalog.kernels().get(kernel); // an unknown kernel is an error naming it, not an empty list
            List<FlowArtifactRecord> artifacts = catalog.flowArtifacts().listOnKernel(kernel);
            if (artifacts.isEmpty()) {
                out.println("Kernel '" + kernel + "' holds no flow-scoped artifacts.");
                return 0;
            }
            // A flow's scope on a kernel is its name and a hash of where its file lives.
            out.printf(Locale.ROOT, "%-40s %-28s %-20s %-36s %-11s %12s  %s%n", "FLOW", "NAME", "NODE", "TYPE", "FORMAT", "BYTES", "SHA256");
            for (FlowArtifactRecord artifact : artifacts) {
                var spec = artifact.spec();
                out.printf(Locale.ROOT, "%-40s %-28s %-20s %-36s %-11s %12d  %s%n", spec.flowName(), spec.name(), spec.nodeId(),
                        spec.pythonType(), lower(spec.format()), spec.sizeBytes(), spec.sha256().substring(0, 12));
            }
            return 0;
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static String duration(RunRecord run) {
        if (run.startedAt() == null || run.finishedAt() == null) {
            return "";
        }
        return ProgressPrinter.seconds(Duration.between(run.startedAt(), run.finishedAt()));
    }
}
