package io.flowfile.kernel.manager;

/** Told when a kernel changes state, with the reason (e.g. "idle for 300 s", "the kernel exceeded its 2 GB memory limit and was killed"). */
@FunctionalInterface
public interface KernelListener {
    void stateChanged(String kernelId, KernelState from, KernelState to, String reason);
}
