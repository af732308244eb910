package io.flowfile.kernel.manager;

import io.flowfile.kernel.docker.ResourceUsage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one kernel for the UI and the API.
 *
 * @param reason         why the kernel is in its state (the error, or why it stopped); empty when nothing to say
 * @param connectionFile where a Jupyter client can attach, while the kernel runs
 * @param queued         executions waiting behind the running one
 * @param queuePosition  while PENDING, its place among its owner's kernels waiting for a slot (1 = next); else 0
 * @param usage          the last memory/CPU sample, while the kernel runs
 */
public record KernelInfo(
        KernelDefinition definition,
        KernelState state,
        String reason,
        Optional<String> containerId,
        Optional<Path> connectionFile,
        Optional<Instant> startedAt,
        Optional<Instant> lastActivity,
        int queued,
        int queuePosition,
        Optional<ResourceUsage> usage,
        String image) {

    public String id() {
        return definition.id();
    }
}
