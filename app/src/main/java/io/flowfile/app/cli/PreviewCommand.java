package io.flowfile.app.cli;

import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.exec.Table;
import io.flowfile.engine.flow.PortRef;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ValidatedFlow;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowfile preview FLOW NODE[.PORT]}: the first rows of a node's output. */
@Command(name = "preview", description = "Print the first rows of a node's output (computed in development mode, from the cache where possible).")
public final class PreviewCommand implements Callable<Integer> {

    @Mixin
    FlowOptions flow;

    @Parameters(index = "1", paramLabel = "NODE[.PORT]", description = "The node (and port, if not main) to preview.")
    String node;

    @Option(names = {"-n", "--rows"}, defaultValue = "20", converter = Converters.Rows.class,
            description = "How many rows, 0 to 1000000 (default: 20).")
    int rows;

    @Mixin
    EngineOptions engineOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (var kernels = engineOptions.kernels(); FlowEngine engine = engineOptions.start(kernels)) {
            ValidatedFlow validated = flow.validate(engine);
            Table table = engine.preview(validated, RelationId.of(PortRef.parse(node)), rows,
                    io.flowfile.engine.plan.ExecutionMode.DEVELOPMENT, true);
            print(out, table);
            return 0;
        }
    }

    static void print(PrintWriter out, Table table) {
        List<String> header = table.schema().columns().stream().map(column -> column.name() + " " + column.type()).toList();
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
        }
        var cells = new ArrayList<List<String>>();
        for (List<Object> row : table.rows()) {
            var line = new ArrayList<String>();
            for (int i = 0; i < row.size(); i++) {
                String text = row.get(i) == null ? "null" : row.get(i).toString();
                widths[i] = Math.min(40, Math.max(widths[i], text.length()));
                line.add(text);
            }
            cells.add(line);
        }
        printRow(out, header, widths);
        var rule = new ArrayList<String>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        printRow(out, rule, widths);
        cells.forEach(line -> printRow(out, line, widths));
        out.printf("(%d rows)%n", table.rows().size());
        out.flush();
    }

    private static void printRow(PrintWriter out, List<String> values, int[] widths) {
        var line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value.length() > widths[i]) {
                value = value.substring(0, widths[i] - 1) + "…";
            }
            line.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", value));
        }
        out.println(line.toString().stripTrailing());
    }
}
