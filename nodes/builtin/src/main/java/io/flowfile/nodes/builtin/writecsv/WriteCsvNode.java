package io.flowfile.nodes.builtin.writecsv;

import io.flowfile.node.Input;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.SinkPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Sql;
import java.nio.file.Path;

/**
 * Writes its input to a CSV file with DuckDB's {@code COPY ... (FORMAT csv)}. A quote inside a
 * quoted field is doubled, whatever the quote character.
 */
public final class WriteCsvNode implements NodeType<WriteCsvSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.sink("write_csv", "Write CSV",
            "Writes the input rows to a CSV file.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<WriteCsvSettings> settingsType() {
        return WriteCsvSettings.class;
    }

    @Override
    public NodePlan plan(WriteCsvSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        Path target = context.resolve(settings.path()).toAbsolutePath().normalize();
        String quote = Sql.literal(settings.quote());
        String options = "FORMAT csv, DELIMITER " + Sql.literal(settings.delimiter()) + ", HEADER " + settings.header()
                + ", QUOTE " + quote + ", ESCAPE " + quote;
        return new SinkPlan("SELECT * FROM " + input.ref(), target, settings.mode(), options);
    }
}
