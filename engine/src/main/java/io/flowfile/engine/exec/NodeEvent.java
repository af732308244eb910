package io.flowfile.engine.exec;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What happens to a node during a run, in order: queued, running, then one final event. */
public sealed interface NodeEvent {

    String runId();

    String nodeId();

    Instant at();

    record Queued(String runId, String nodeId, Instant at) implements NodeEvent {
    }

    record Running(String runId, String nodeId, Instant at) implements NodeEvent {
    }

    /**
     * @param rows      rows the node produced, or -1 when it was fused into another node's statement
     *                  and its rows were never counted
     * @param duration  time of the statement the node ran in
     * @param cached    whether the result came from the result cache
     * @param fusedInto the node whose statement computed this node, or null
     */
    record Succeeded(String runId, String nodeId, Instant at, long rows, Duration duration, boolean cached, String fusedInto)
            implements NodeEvent {
    }

    record Failed(String runId, String nodeId, Instant at, FlowError error) implements NodeEvent {
    }

    /** Not run because something it needs failed. */
    record Skipped(String runId, String nodeId, Instant at, String reason) implements NodeEvent {
    }

    record Cancelled(String runId, String nodeId, Instant at) implements NodeEvent {
    }

    /**
     * Something a code node printed, logged or displayed while it ran (not a state change).
     *
     * @param stream {@code stdout}, {@code stderr} or a log level ({@code INFO}, {@code WARNING}, ...)
     * @param text   the text
     */
    record Output(String runId, String nodeId, Instant at, String stream, String text) implements NodeEvent {
    }

    /**
     * One input or output of a code node crossing the kernel boundary as an Arrow IPC file: an input
     * written by the engine, or an output read back into the engine.
     *
     * @param direction which way the data went
     * @param port      the input or output name
     * @param rows      rows in the file
     * @param bytes     size of the file
     * @param duration  time the engine spent writing or reading it
     */
    record Exchanged(String runId, String nodeId, Instant at, Direction direction, String port, long rows, long bytes,
                     Duration duration) implements NodeEvent {

        public enum Direction { INPUT, OUTPUT }
    }

    /**
     * Something a code node displayed (a chart, a table, HTML): Jupyter's {@code display_data}.
     *
     * @param title  the title given to {@code flowfile.display}, or null
     * @param bundle MIME type to representation as the kernel sent it: text (base64 for binary
     *               images), or a JSON tree for a JSON type; always with {@code text/plain}
     */
    record Display(String runId, String nodeId, Instant at, String title, Map<String, Object> bundle) implements NodeEvent {

        public Display {
            bundle = Collections.unmodifiableMap(new LinkedHashMap<>(bundle));
        }

        /** The plain-text form, for a terminal. */
        public String text() {
            Object text = bundle.get("text/plain");
            return text != null ? String.valueOf(text) : String.join(", ", bundle.keySet());
        }
    }
}
