package io.flowfile.engine.flow;

import static io.flowfile.engine.EngineErrorCode.INVALID_EDIT;
import static java.util.Objects.requireNonNull;

import io.flowfile.engine.FlowException;
import io.flowfile.engine.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Applies {@link FlowEdit}s to a document. Pure: the input is never changed (documents are values)
 * and the result keeps the document order of nodes and edges, with added ones appended.
 */
public final class FlowEdits {

    private static final int LISTED_AT_MOST = 20;

    private FlowEdits() {
    }

    /**
     * The document after every edit, applied in order.
     *
     * @throws FlowException at the first edit that cannot apply, with one {@link Problem} of code
     *                       {@code INVALID_EDIT}: its path is {@code edits[i]}, followed by the key
     *                       of the edit's JSON form where it helps ({@code edits[i].node.id},
     *                       {@code edits[i].nodes[j]}, {@code edits[i].from}, {@code edits[i].node});
     *                       its node id is the node concerned when that node is in the flow
     */
    public static FlowDocument apply(FlowDocument document, List<FlowEdit> edits) {
        requireNonNull(document, "document is null");
        requireNonNull(edits, "edits is null");
        var draft = new Draft(document);
        for (int i = 0; i < edits.size(); i++) {
            draft.apply(requireNonNull(edits.get(i), "edits[" + i + "] is null"), "edits[" + i + "]");
        }
        return draft.toDocument();
    }

    /** The document being edited, held mutably only inside {@link #apply}. */
    private static final class Draft {

        private final int formatVersion;
        private String name;
        private String description;
        private Map<String, String> parameters;
        private final List<FlowNode> nodes;
        private final List<Edge> edges;

        Draft(FlowDocument document) {
            formatVersion = document.formatVersion();
            name = document.name();
            description = document.description();
            parameters = document.parameters();
            nodes = new ArrayList<>(document.nodes());
            edges = new ArrayList<>(document.edges());
        }

        FlowDocument toDocument() {
            return new FlowDocument(formatVersion, name, description, parameters, nodes, edges);
        }

        void apply(FlowEdit edit, String path) {
            switch (edit) {
                case FlowEdit.AddNode add -> addNode(add.node(), path);
                case FlowEdit.RemoveNodes remove -> removeNodes(remove.nodeIds(), path);
                case FlowEdit.Connect connect -> connect(connect.edge(), path);
                case FlowEdit.Disconnect disconnect -> disconnect(disconnect.edge(), path);
                case FlowEdit.UpdateSettings update -> replace(update.nodeId(), path, node -> node.withSettings(update.settings()));
                case FlowEdit.Move move -> replace(move.nodeId(), path, node -> node.withPosition(move.position()));
                case FlowEdit.Relabel relabel -> replace(relabel.nodeId(), path, node -> node.withLabel(relabel.label()));
                case FlowEdit.SetCache cache -> replace(cache.nodeId(), path, node -> node.withCache(cache.cache()));
                case FlowEdit.SetTypeVersion set -> replace(set.nodeId(), path, node -> node.withTypeVersion(set.version()));
                case FlowEdit.SetParameters set -> parameters = set.parameters();
                case FlowEdit.Rename rename -> name = rename.name();
                case FlowEdit.Describe describe -> description = describe.description();
            }
        }

        private void addNode(FlowNode node, String path) {
            if (!FlowNode.ID.matcher(node.id()).matches()) {
                throw refused(null, path + ".node.id", "node id '" + node.id() + "' may hold only letters, digits, '-' and '_'");
            }
            if (indexOf(node.id()) >= 0) {
                throw refused(node.id(), path + ".node.id",
                        "node id '" + node.id() + "' is already used (" + nodeList() + "); choose another id");
            }
            nodes.add(node);
        }

        private void removeNodes(List<String> ids, String path) {
            for (int j = 0; j < ids.size(); j++) {
                requireNode(ids.get(j), path + ".nodes[" + j + "]");
            }
            var removed = new HashSet<>(ids);
            nodes.removeIf(node -> removed.contains(node.id()));
            edges.removeIf(edge -> removed.contains(edge.from().node()) || removed.contains(edge.to().node()));
        }

        private void connect(Edge edge, String path) {
            requireNode(edge.from().node(), path + ".from");
            requireNode(edge.to().node(), path + ".to");
            if (edges.contains(edge)) {
                throw refused(edge.to().node(), path, "the edge " + text(edge) + " is already in the flow");
            }
            edges.add(edge);
        }

        private void disconnect(Edge edge, String path) {
            if (!edges.removeIf(edge::equals)) {
                String target = edge.to().node();
                List<String> into = edges.stream().filter(other -> other.to().node().equals(target)).map(Draft::text).toList();
                String known = into.isEmpty() ? "'" + target + "' has no incoming edges" : "edges into '" + target + "': " + String.join(", ", into);
                throw refused(indexOf(target) >= 0 ? target : null, path, "no edge " + text(edge) + " in the flow (" + known + ")");
            }
        }

        private void replace(String id, String path, UnaryOperator<FlowNode> change) {
            int index = requireNode(id, path + ".node");
            nodes.set(index, change.apply(nodes.get(index)));
        }

        private int requireNode(String id, String path) {
            int index = indexOf(id);
            if (index < 0) {
                throw refused(null, path, "no node '" + id + "' in the flow (" + nodeList() + ")");
            }
            return index;
        }

        private int indexOf(String id) {
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).id().equals(id)) {
                    return i;
                }
            }
            return -1;
        }

        private String nodeList() {
            if (nodes.isEmpty()) {
                return "the flow has no nodes";
            }
            String listed = nodes.stream().limit(LISTED_AT_MOST).map(FlowNode::id).collect(Collectors.joining(", "));
            int more = nodes.size() - LISTED_AT_MOST;
            return "nodes: " + listed + (more > 0 ? " and " + more + " more" : "");
        }

        private static String text(Edge edge) {
            return edge.from() + " -> " + edge.to();
        }

        private static FlowException refused(String nodeId, String path, String message) {
            return new FlowException(List.of(new Problem(nodeId, path, INVALID_EDIT, message)));
        }
    }
}
