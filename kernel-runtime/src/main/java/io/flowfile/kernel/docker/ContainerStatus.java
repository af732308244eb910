package io.flowfile.kernel.docker;

/**
 * A container's state as Docker reports it.
 *
 * @param exists    false when the container is gone
 * @param running   whether its process runs
 * @param exitCode  the exit code once it stopped
 * @param oomKilled whether the kernel was killed for exceeding its memory limit
 * @param status    Docker's status word (created, running, exited, ...)
 */
public record ContainerStatus(boolean exists, boolean running, int exitCode, boolean oomKilled, String status) {

    public static final ContainerStatus GONE = new ContainerStatus(false, false, -1, false, "removed");
}
