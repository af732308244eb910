package io.flowfile.engine.exec;

import java.util.List;

/**
 * Statistics of one column of a node's output, over all its rows.
 *
 * @param count    rows
 * @param nulls    rows where the column is null
 * @param distinct distinct non-null values
 * @param min      the smallest value as text, or null (none, or a nested type)
 * @param max      the largest value as text, or null
 * @param mean     the mean of a numeric column, or null
 * @param top      the most frequent non-null values (at most 5), most frequent first, ties by value
 */
public record ColumnStatistics(String name, String type, long count, long nulls, long distinct, String min, String max, Double mean,
                               List<ValueCount> top) {

    public ColumnStatistics {
        top = List.copyOf(top);
    }

    public record ValueCount(String value, long count) {
    }
}
