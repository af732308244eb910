package io.flowfile.kernel.client;

import static java.util.Objects.requireNonNull;

import io.flowfile.kernel.protocol.Content;
import java.time.Duration;
import java.util.List;

/** How an execution ended: the kernel's execute_reply, after its outputs were all delivered. */
public record ExecutionResult(String messageId, Content.ExecuteReply reply, Duration elapsed) {

    public ExecutionResult {
        requireNonNull(messageId, "messageId is null");
        requireNonNull(reply, "reply is null");
        requireNonNull(elapsed, "elapsed is null");
    }

    public boolean ok() {
        return "ok".equals(reply.status());
    }

    /** "ok", "error" or "aborted" (an earlier cell failed with stop_on_error). */
    public String status() {
        return reply.status();
    }

    /** The Python exception: name, value and traceback, or empty strings when the cell succeeded. */
    public String errorName() {
        return reply.ename() == null ? "" : reply.ename();
    }

    public String errorValue() {
        return reply.evalue() == null ? "" : reply.evalue();
    }

    public List<String> traceback() {
        return reply.traceback() == null ? List.of() : reply.traceback();
    }
}
