package io.flowfile.kernel.docker;

/**
 * The resources a kernel container gets. Pool entries are matched on it.
 *
 * @param memoryBytes hard memory limit (no swap beyond it)
 * @param nanoCpus    CPU quota in billionths of a core
 * @param gpus        GPUs requested through a Docker device request; 0 for none, -1 for all
 */
public record ResourceProfile(long memoryBytes, long nanoCpus, int gpus) {

    public double memoryGb() {
        return memoryBytes / (double) (1L << 30);
    }

    public double cpus() {
        return nanoCpus / 1e9;
    }

    /** A short stable text for labels and pool keys, e.g. {@code 2.0g-1.5cpu-0gpu}. */
    public String label() {
        return String.format(java.util.Locale.ROOT, "%.1fg-%.1fcpu-%dgpu", memoryGb(), cpus(), gpus);
    }
}
