package io.flowfile.app.bench;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.engine.flow.Edge;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.engine.flow.FlowNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A large flow for the planning benchmark: ten branches, each an inline table followed by a chain
 * of filter, formula, sort, select, sample and unique nodes, ending in a Parquet writer. Every
 * formula has an expression of its own, so none can reuse another's binding.
 */
final class GeneratedFlow {

    private static final int BRANCHES = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String[]> CHAIN = List.of(
            new String[] {"filter", "{\"mode\": \"basic\", \"basic\": {\"column\": \"amount\", \"operator\": \"greater_than\", \"value\": \"1\"}}"},
            new String[] {"formula", "{\"column\": \"scaled\", \"expression\": \"amount * STEP + id\"}"},
            new String[] {"sort", "{\"keys\": [{\"column\": \"id\", \"direction\": \"desc\"}]}"},
            new String[] {"select", "{\"columns\": [{\"column\": \"category\"}, {\"column\": \"name\", \"rename_to\": \"name\"}]}"},
            new String[] {"sample", "{\"method\": \"first\", \"n\": 1000}"},
            new String[] {"unique", "{\"columns\": [\"id\"], \"keep\": \"any\"}"});

    private GeneratedFlow() {
    }

    static FlowDocument of(int size) {
        var nodes = new ArrayList<FlowNode>();
        var edges = new ArrayList<Edge>();
        int perBranch = Math.max(3, size / BRANCHES);
        for (int branch = 0; branch < BRANCHES && nodes.size() < size; branch++) {
            String previous = "source_" + branch;
            nodes.add(node(previous, "manual_input", """
                    {"columns": [{"name": "id", "type": "BIGINT"}, {"name": "name", "type": "VARCHAR"},
                                 {"name": "amount", "type": "DOUBLE"}, {"name": "category", "type": "VARCHAR"}],
                     "rows": [[1, "a", 2.5, "x"], [2, "b", 0.5, "y"], [3, "c", 7.0, "x"]]}"""));
            for (int step = 1; step < perBranch - 1 && nodes.size() < size - 1; step++) {
                String[] kind = CHAIN.get((step - 1) % CHAIN.size());
                String id = kind[0] + "_" + branch + "_" + step;
                nodes.add(node(id, kind[0], kind[1].replace("STEP", Integer.toString(branch * 1000 + step))));
                edges.add(Edge.of(previous, id));
                previous = id;
            }
            String sink = "write_" + branch;
            nodes.add(node(sink, "write_parquet", "{\"path\": \"generated-" + branch + ".parquet\"}"));
            edges.add(Edge.of(previous, sink));
        }
        return new FlowDocument(FlowDocument.FORMAT_VERSION, "generated-" + size, "", Map.of(), nodes, edges);
    }

    /** The flow with the expression of one formula node changed, as a user editing it would. */
    static FlowDocument edit(FlowDocument flow, int revision) {
        var nodes = new ArrayList<FlowNode>();
        boolean edited = false;
        for (FlowNode node : flow.nodes()) {
            if (!edited && node.type().equals("formula")) {
                ObjectNode settings = node.settings().put("expression", "amount * " + (revision + 7) + " - id");
                node = new FlowNode(node.id(), node.type(), settings, node.position(), node.label(), node.cache());
                edited = true;
            }
            nodes.add(node);
        }
        return new FlowDocument(flow.formatVersion(), flow.name(), flow.description(), flow.parameters(), nodes, flow.edges());
    }

    private static FlowNode node(String id, String type, String settings) {
        try {
            return new FlowNode(id, type, (ObjectNode) JSON.readTree(settings), null, null, false);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
