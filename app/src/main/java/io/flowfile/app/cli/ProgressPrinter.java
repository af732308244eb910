package io.flowfile.app.cli;

import io.flowfile.engine.exec.NodeEvent;
import io.flowfile.engine.exec.RunListener;
import io.flowfile.engine.exec.RunResult;
import io.flowfile.engine.validate.ValidatedFlow;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Prints one line per node as it starts and finishes, then a summary. */
final class ProgressPrinter implements RunListener {

    private final PrintWriter out;
    private final Map<String, String> types;
    private final int width;

    ProgressPrinter(PrintWriter out, ValidatedFlow flow) {
        this.out = out;
        this.types = new java.util.HashMap<>();
        flow.nodes().forEach(node -> types.put(node.id(), node.type().descriptor().type()));
        this.width = flow.nodes().stream().mapToInt(node -> node.id().length()).max().orElse(4);
    }

    @Override
    public synchronized void onEvent(NodeEvent event) {
        String detail = switch (event) {
            case NodeEvent.Queued queued -> null;
            case NodeEvent.Running running -> "running";
            case NodeEvent.Succeeded succeeded -> succeeded(succeeded);
            case NodeEvent.Failed failed -> "FAILED     " + failed.error().message();
            case NodeEvent.Skipped skipped -> "skipped    " + skipped.reason();
            case NodeEvent.Cancelled cancelled -> "cancelled";
            case NodeEvent.Output output -> output(output.stream(), output.text());
            case NodeEvent.Display display -> output("display", (display.title() != null ? display.title() + ": " : "") + display.text());
            case NodeEvent.Exchanged exchanged -> exchanged(exchanged);
        };
        if (detail != null) {
            out.printf(Locale.ROOT, "  %-" + width + "s  %-14s %s%n", event.nodeId(), types.getOrDefault(event.nodeId(), ""), detail);
            out.flush();
        }
    }

    /** A code node's printed, logged or displayed line, indented under its node. */
    private static String output(String stream, String printed) {
        String text = printed.endsWith("\n") ? printed.substring(0, printed.length() - 1) : printed;
        String label = switch (stream) {
            case "stdout" -> "| ";
            case "stderr" -> "! ";
            case "display" -> "[display] ";
            default -> "[" + stream + "] ";
        };
        return label + text.replace("\n", "\n" + " ".repeat(30) + label);
    }

    private static String exchanged(NodeEvent.Exchanged event) {
        String size = event.bytes() < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", event.bytes() / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", event.bytes() / 1e6);
        return String.format(Locale.ROOT, "%s %-9s %,d rows, %s in %s",
                event.direction() == NodeEvent.Exchanged.Direction.INPUT ? "input " : "output", event.port(), event.rows(),
                size, seconds(event.duration()));
    }

    private static String succeeded(NodeEvent.Succeeded event) {
        if (event.fusedInto() != null) {
            return "succeeded  (fused into " + event.fusedInto() + ")" + (event.cached() ? " [cache]" : "");
        }
        return String.format(Locale.ROOT, "succeeded  %,d rows in %s%s", event.rows(), seconds(event.duration()),
                event.cached() ? " [cache]" : "");
    }

    void summary(RunResult result) {
        long failed = result.outcomes().values().stream().filter(NodeEvent.Failed.class::isInstance).count();
        long skipped = result.outcomes().values().stream().filter(NodeEvent.Skipped.class::isInstance).count();
        long succeeded = result.outcomes().values().stream().filter(NodeEvent.Succeeded.class::isInstance).count();
        out.printf(Locale.ROOT, "%nRun %s: %s in %s — %d succeeded, %d failed, %d skipped%n",
                result.runId(), result.state().name().toLowerCase(Locale.ROOT), seconds(result.duration()), succeeded, failed, skipped);
        result.errors().forEach(error -> out.println("  error: " + error));
        out.flush();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f s", duration.toNanos() / 1e9);
    }
}
