package io.flowfile.node;

/** Fills a table that the engine created from a {@link NodePlan.TablePlan}'s schema. */
@FunctionalInterface
public interface TableLoader {

    /**
     * Appends every row. Values are {@code null}, {@link String}, {@link Long}, {@link Double},
     * {@link Boolean}, {@link java.math.BigDecimal}, {@link java.time.LocalDate} or
     * {@link java.time.LocalDateTime}, in schema order.
     *
     * @throws NodeException naming the file and row for data that cannot be read
     */
    void load(RowWriter writer) throws Exception;

    interface RowWriter {
        void row(Object... values) throws Exception;
    }
}
