package io.flowfile.app.service;

import io.flowfile.engine.exec.NodeEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** A node event as the name and JSON data of a server-sent event. */
final class RunEvents {

    private RunEvents() {
    }

    static String name(NodeEvent event) {
        return switch (event) {
            case NodeEvent.Queued queued -> "queued";
            case NodeEvent.Running running -> "running";
            case NodeEvent.Succeeded succeeded -> "succeeded";
            case NodeEvent.Failed failed -> "failed";
            case NodeEvent.Skipped skipped -> "skipped";
            case NodeEvent.Cancelled cancelled -> "cancelled";
            case NodeEvent.Output output -> "output";
            case NodeEvent.Exchanged exchanged -> "exchanged";
            case NodeEvent.Display display -> "display";
        };
    }

    static Map<String, Object> data(NodeEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("node", event.nodeId());
        data.put("at", event.at().toString());
        switch (event) {
            case NodeEvent.Queued queued -> {
            }
            case NodeEvent.Running running -> {
            }
            case NodeEvent.Succeeded succeeded -> {
                data.put("rows", succeeded.rows() < 0 ? null : succeeded.rows());
                data.put("millis", succeeded.duration().toMillis());
                data.put("cached", succeeded.cached());
                data.put("fusedInto", succeeded.fusedInto());
            }
            case NodeEvent.Failed failed -> {
                data.put("code", failed.error().code().code());
                data.put("name", failed.error().code().name());
                data.put("message", failed.error().message());
            }
            case NodeEvent.Skipped skipped -> data.put("reason", skipped.reason());
            case NodeEvent.Cancelled cancelled -> {
            }
            case NodeEvent.Output output -> {
                data.put("stream", output.stream());
                data.put("text", output.text());
            }
            case NodeEvent.Exchanged exchanged -> {
                data.put("direction", exchanged.direction().name().toLowerCase(java.util.Locale.ROOT));
                data.put("port", exchanged.port());
                data.put("rows", exchanged.rows());
                data.put("bytes", exchanged.bytes());
                data.put("millis", exchanged.duration().toMillis());
            }
            case NodeEvent.Display display -> {
                data.put("title", display.title());
                data.put("bundle", display.bundle());
            }
        }
        return data;
    }
}
