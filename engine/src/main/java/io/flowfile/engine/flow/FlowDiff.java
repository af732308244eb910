package io.flowfile.engine.flow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What differs between two versions of a flow, by meaning rather than by text.
 *
 * <p>Nodes are matched by id. Canvas positions and the order of nodes are ignored; the order of
 * edges counts only where it changes a result: the order of the edges into one input port.
 * Settings are compared structurally: objects key by key, lists of the same length element by
 * element; a list whose length changed is reported once, at its path, with the whole list before
 * and after (an insertion would otherwise show as a change at every later index). Numbers compare
 * by value ({@code 1} equals {@code 1.0}). Every list is in document order: changes to nodes and
 * added things in the order of {@code after}, removed things in the order of {@code before}.
 *
 * @param nodesAdded      ids of nodes only in {@code after}
 * @param nodesRemoved    ids of nodes only in {@code before}
 * @param nodesChanged    changes to nodes in both: per node {@code type}, {@code label},
 *                        {@code cache}, then settings paths such as {@code settings.keys[1].column}
 * @param edgesAdded      edges only in {@code after} (an edge present twice counts twice)
 * @param edgesRemoved    edges only in {@code before}
 * @param inputsReordered input ports whose edges, present in both, arrive in another order
 * @param documentChanges {@code name}, {@code description} and {@code parameters.<name>}
 */
public record FlowDiff(List<String> nodesAdded, List<String> nodesRemoved, List<NodeChange> nodesChanged,
                       List<Edge> edgesAdded, List<Edge> edgesRemoved, List<PortRef> inputsReordered,
                       List<DocumentChange> documentChanges) {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (left, right) -> {
        if (left.isNumber() && right.isNumber()) {
            boolean finite = Double.isFinite(left.doubleValue()) && Double.isFinite(right.doubleValue());
            return finite ? left.decimalValue().compareTo(right.decimalValue()) : Double.compare(left.doubleValue(), right.doubleValue());
        }
        return left.equals(right) ? 0 : 1;
    };

    public FlowDiff {
        nodesAdded = List.copyOf(nodesAdded);
        nodesRemoved = List.copyOf(nodesRemoved);
        nodesChanged = List.copyOf(nodesChanged);
        edgesAdded = List.copyOf(edgesAdded);
        edgesRemoved = List.copyOf(edgesRemoved);
        inputsReordered = List.copyOf(inputsReordered);
        documentChanges = List.copyOf(documentChanges);
    }

    /**
     * One changed value of a node.
     *
     * @param path   {@code type}, {@code type_version}, {@code label}, {@code cache} or {@code settings...}
     * @param before the value before, or null if there was none (JSON null is a {@code NullNode})
     * @param after  the value after, or null if there is none
     */
    public record NodeChange(String nodeId, String path, JsonNode before, JsonNode after) {
        public NodeChange {
            requireNonNull(nodeId, "nodeId is null");
            requireNonNull(path, "path is null");
            before = before == null ? null : before.deepCopy();
            after = after == null ? null : after.deepCopy();
        }

        @Override
        public JsonNode before() {
            return before == null ? null : before.deepCopy();
        }

        @Override
        public JsonNode after() {
            return after == null ? null : after.deepCopy();
        }
    }

    /**
     * One changed value of the document itself.
     *
     * @param path   {@code name}, {@code description} or {@code parameters.<name>}
     * @param before the value before, or null for a parameter that was not defined
     * @param after  the value after, or null for a parameter that is no longer defined
     */
    public record DocumentChange(String path, String before, String after) {
        public DocumentChange {
            requireNonNull(path, "path is null");
        }
    }

    public static FlowDiff between(FlowDocument before, FlowDocument after) {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        Map<String, FlowNode> beforeNodes = byId(before);
        Map<String, FlowNode> afterNodes = byId(after);
        List<String> added = afterNodes.keySet().stream().filter(id -> !beforeNodes.containsKey(id)).toList();
        List<String> removed = beforeNodes.keySet().stream().filter(id -> !afterNodes.containsKey(id)).toList();
        var changes = new ArrayList<NodeChange>();
        afterNodes.values().stream().filter(node -> beforeNodes.containsKey(node.id()))
                .forEach(node -> compareNodes(beforeNodes.get(node.id()), node, changes));
        Map<Edge, Integer> kept = common(before.edges(), after.edges());
        return new FlowDiff(added, removed, changes, missingFrom(after.edges(), before.edges()), missingFrom(before.edges(), after.edges()),
                reordered(inputs(before.edges(), kept), inputs(after.edges(), kept)), documentChanges(before, after));
    }

    public boolean isEmpty() {
        return nodesAdded.isEmpty() && nodesRemoved.isEmpty() && nodesChanged.isEmpty() && edgesAdded.isEmpty()
                && edgesRemoved.isEmpty() && inputsReordered.isEmpty() && documentChanges.isEmpty();
    }

    private static Map<String, FlowNode> byId(FlowDocument document) {
        var nodes = new LinkedHashMap<String, FlowNode>();
        document.nodes().forEach(node -> nodes.putIfAbsent(node.id(), node));
        return nodes;
    }

    private static void compareNodes(FlowNode before, FlowNode after, List<NodeChange> changes) {
        String id = after.id();
        compare(id, "type", TextNode.valueOf(before.type()), TextNode.valueOf(after.type()), changes);
        compare(id, "type_version", before.typeVersion() == null ? null : IntNode.valueOf(before.typeVersion()),
                after.typeVersion() == null ? null : IntNode.valueOf(after.typeVersion()), changes);
        compare(id, "label", before.label() == null ? null : TextNode.valueOf(before.label()),
                after.label() == null ? null : TextNode.valueOf(after.label()), changes);
        compare(id, "cache", BooleanNode.valueOf(before.cache()), BooleanNode.valueOf(after.cache()), changes);
        compare(id, "settings", before.settings(), after.settings(), changes);
    }

    /** Adds the changes between two values at {@code path}; null stands for no value. */
    private static void compare(String id, String path, JsonNode before, JsonNode after, List<NodeChange> changes) {
        if (before == null ? after == null : after != null && before.equals(NUMBERS_BY_VALUE, after)) {
            return;
        }
        if (before instanceof ObjectNode beforeObject && after instanceof ObjectNode afterObject) {
            beforeObject.properties().forEach(entry ->
                    compare(id, path + "." + entry.getKey(), entry.getValue(), afterObject.get(entry.getKey()), changes));
            afterObject.properties().stream().filter(entry -> !beforeObject.has(entry.getKey())).forEach(entry ->
                    changes.add(new NodeChange(id, path + "." + entry.getKey(), null, entry.getValue())));
        } else if (before instanceof ArrayNode beforeArray && after instanceof ArrayNode afterArray && beforeArray.size() == afterArray.size()) {
            for (int i = 0; i < beforeArray.size(); i++) {
                compare(id, path + "[" + i + "]", beforeArray.get(i), afterArray.get(i), changes);
            }
        } else {
            changes.add(new NodeChange(id, path, before, after));
        }
    }

    /** How many times each edge is in both lists. */
    private static Map<Edge, Integer> common(List<Edge> before, List<Edge> after) {
        Map<Edge, Integer> counts = counts(after);
        var common = new HashMap<Edge, Integer>();
        for (Edge edge : before) {
            if (counts.merge(edge, -1, Integer::sum) >= 0) {
                common.merge(edge, 1, Integer::sum);
            }
        }
        return common;
    }

    /** The edges of {@code edges} beyond those in {@code other}, counting copies, in order. */
    private static List<Edge> missingFrom(List<Edge> edges, List<Edge> other) {
        Map<Edge, Integer> available = counts(other);
        var missing = new ArrayList<Edge>();
        for (Edge edge : edges) {
            if (available.merge(edge, -1, Integer::sum) < 0) {
                missing.add(edge);
            }
        }
        return missing;
    }

    private static Map<Edge, Integer> counts(List<Edge> edges) {
        var counts = new HashMap<Edge, Integer>();
        edges.forEach(edge -> counts.merge(edge, 1, Integer::sum));
        return counts;
    }

    /** Per input port, in order, the edges into it that both versions have. */
    private static Map<PortRef, List<Edge>> inputs(List<Edge> edges, Map<Edge, Integer> kept) {
        var left = new HashMap<>(kept);
        var inputs = new LinkedHashMap<PortRef, List<Edge>>();
        for (Edge edge : edges) {
            if (left.getOrDefault(edge, 0) > 0) {
                left.merge(edge, -1, Integer::sum);
                inputs.computeIfAbsent(edge.to(), port -> new ArrayList<>()).add(edge);
            }
        }
        return inputs;
    }

    private static List<PortRef> reordered(Map<PortRef, List<Edge>> before, Map<PortRef, List<Edge>> after) {
        return after.keySet().stream().filter(port -> !after.get(port).equals(before.get(port))).toList();
    }

    private static List<DocumentChange> documentChanges(FlowDocument before, FlowDocument after) {
        var changes = new ArrayList<DocumentChange>();
        if (!before.name().equals(after.name())) {
            changes.add(new DocumentChange("name", before.name(), after.name()));
        }
        if (!before.description().equals(after.description())) {
            changes.add(new DocumentChange("description", before.description(), after.description()));
        }
        Set<String> names = new TreeSet<>(before.parameters().keySet());
        names.addAll(after.parameters().keySet());
        for (String name : names) {
            String was = before.parameters().get(name);
            String is = after.parameters().get(name);
            if (!Objects.equals(was, is)) {
                changes.add(new DocumentChange("parameters." + name, was, is));
            }
        }
        return changes;
    }
}
