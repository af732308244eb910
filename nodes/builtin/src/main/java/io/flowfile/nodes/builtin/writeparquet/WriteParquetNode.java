package io.flowfile.nodes.builtin.writeparquet;

import io.flowfile.node.Input;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.SinkPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes its input to a Parquet file with DuckDB's {@code COPY ... (FORMAT parquet)}. Integers stay
 * integers and decimals decimals: DuckDB would write HUGEINT and UHUGEINT columns (integer sums) as
 * DOUBLE, rounding them past 2^53, so the engine writes each as BIGINT when every value fits, else as
 * DECIMAL(38,0) ({@link SinkPlan#narrowHugeIntegers()}).
 */
public final class WriteParquetNode implements NodeType<WriteParquetSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.sink("write_parquet", "Write Parquet",
            "Writes the input rows to a Parquet file.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<WriteParquetSettings> settingsType() {
        return WriteParquetSettings.class;
    }

    @Override
    public NodePlan plan(WriteParquetSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        Path target = context.resolve(settings.path()).toAbsolutePath().normalize();
        String options = "FORMAT parquet, COMPRESSION " + settings.compression().name().toLowerCase(Locale.ROOT);
        if (settings.rowGroupSize() != null) {
            options += ", ROW_GROUP_SIZE " + settings.rowGroupSize();
        }
        return new SinkPlan("SELECT * FROM " + input.ref(), target, settings.mode(), options, true);
    }
}
