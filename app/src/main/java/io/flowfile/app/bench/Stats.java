package io.flowfile.app.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles of timings in milliseconds. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static String list(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
    }

    static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
