package io.flowfile.engine.validate;

import static io.flowfile.engine.EngineErrorCode.CYCLE;
import static io.flowfile.engine.EngineErrorCode.EXTRA_INPUT;
import static io.flowfile.engine.EngineErrorCode.MISSING_INPUT;
import static io.flowfile.engine.EngineErrorCode.UNKNOWN_NODE;
import static io.flowfile.engine.EngineErrorCode.UNKNOWN_PORT;

import io.flowfile.engine.Problem;
import io.flowfile.engine.flow.Edge;
import io.flowfile.engine.flow.FlowNode;
import io.flowfile.node.InputPort;
import io.flowfile.node.Ports;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the edges of a flow against the nodes' ports, finds cycles and orders the nodes. Nodes
 * whose ports are unknown (unknown type, invalid settings for dynamic ports) are skipped.
 */
final class GraphCheck {

    /** The nodes of a cycle a message names, at most. */
    private static final int MAX_NAMED = 50;

    /** Valid edges into each node, by input port, in document order. */
    private final Map<String, Map<String, List<RelationId>>> inputs = new HashMap<>();
    private final Map<String, List<String>> downstream = new HashMap<>();
    private final List<Problem> problems;

    GraphCheck(List<Problem> problems) {
        this.problems = problems;
    }

    /**
     * @param nodes     every node of the document, in document order
     * @param ports     ports of the nodes whose ports are known
     * @param edges     the document's edges
     * @return the ids of all nodes, in topological order, without the nodes that are on a cycle
     */
    List<String> check(List<FlowNode> nodes, Map<String, Ports> ports, List<Edge> edges) {
        var known = new LinkedHashMap<String, FlowNode>();
        nodes.forEach(node -> known.put(node.id(), node));
        for (int i = 0; i < edges.size(); i++) {
            connect(edges.get(i), "edges[" + i + "]", known, ports);
        }
        ports.forEach(this::checkArity);
        return order(List.copyOf(known.keySet()));
    }

    Map<String, List<RelationId>> inputsOf(String node) {
        return inputs.getOrDefault(node, Map.of());
    }

    private void connect(Edge edge, String path, Map<String, FlowNode> nodes, Map<String, Ports> ports) {
        String from = edge.from().node();
        String to = edge.to().node();
        boolean ok = true;
        if (!nodes.containsKey(from)) {
            problems.add(Problem.ofDocument(path + ".from", UNKNOWN_NODE, "edge " + edge.from() + " -> " + edge.to()
                    + " starts at node '" + from + "', which does not exist"));
            ok = false;
        }
        if (!nodes.containsKey(to)) {
            problems.add(Problem.ofDocument(path + ".to", UNKNOWN_NODE, "edge " + edge.from() + " -> " + edge.to()
                    + " ends at node '" + to + "', which does not exist"));
            ok = false;
        }
        if (!ok) {
            return;
        }
        Ports fromPorts = ports.get(from);
        if (fromPorts != null && !fromPorts.outputs().contains(edge.from().port())) {
            problems.add(new Problem(to, "inputs." + edge.to().port(), UNKNOWN_PORT, "the edge from " + edge.from()
                    + " starts at an output port that node '" + from + "' does not have; its outputs are: " + names(fromPorts.outputs())));
            ok = false;
        }
        Ports toPorts = ports.get(to);
        if (toPorts != null && toPorts.input(edge.to().port()).isEmpty()) {
            problems.add(new Problem(to, "inputs." + edge.to().port(), UNKNOWN_PORT, "node '" + to + "' has no input port '"
                    + edge.to().port() + "'; its inputs are: "
                    + names(toPorts.inputs().stream().map(InputPort::name).toList())));
            ok = false;
        }
        if (ok) {
            inputs.computeIfAbsent(to, key -> new LinkedHashMap<>())
                    .computeIfAbsent(edge.to().port(), key -> new ArrayList<>())
                    .add(RelationId.of(edge.from()));
            downstream.computeIfAbsent(from, key -> new ArrayList<>()).add(to);
        }
    }

    private void checkArity(String node, Ports ports) {
        Map<String, List<RelationId>> connected = inputsOf(node);
        for (InputPort port : ports.inputs()) {
            int count = connected.getOrDefault(port.name(), List.of()).size();
            switch (port.arity()) {
                case ONE -> {
                    if (count == 0) {
                        problems.add(new Problem(node, "inputs." + port.name(), MISSING_INPUT,
                                "input '" + port.name() + "' is not connected"));
                    } else if (count > 1) {
                        problems.add(new Problem(node, "inputs." + port.name(), EXTRA_INPUT,
                                "input '" + port.name() + "' takes one connection, it has " + count));
                    }
                }
                case OPTIONAL -> {
                    if (count > 1) {
                        problems.add(new Problem(node, "inputs." + port.name(), EXTRA_INPUT,
                                "input '" + port.name() + "' takes at most one connection, it has " + count));
                    }
                }
                case MANY -> {
                    if (count == 0) {
                        problems.add(new Problem(node, "inputs." + port.name(), MISSING_INPUT,
                                "input '" + port.name() + "' needs at least one connection"));
                    }
                }
            }
        }
    }

    /** Kahn's algorithm, stable in document order; what is left over lies on or behind a cycle. */
    private List<String> order(List<String> nodes) {
        var indegree = new HashMap<String, Integer>();
        nodes.forEach(node -> indegree.put(node, 0));
        downstream.values().forEach(targets -> targets.forEach(target -> indegree.merge(target, 1, Integer::sum)));
        var ready = new ArrayDeque<String>();
        nodes.stream().filter(node -> indegree.get(node) == 0).forEach(ready::add);
        var ordered = new ArrayList<String>();
        while (!ready.isEmpty()) {
            String node = ready.poll();
            ordered.add(node);
            for (String next : downstream.getOrDefault(node, List.of())) {
                if (indegree.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (ordered.size() < nodes.size()) {
            var done = new HashSet<>(ordered);
            reportCycles(nodes.stream().filter(node -> !done.contains(node)).toList());
        }
        return ordered;
    }

    /** Tarjan's strongly connected components over the nodes Kahn could not order. */
    private void reportCycles(List<String> remaining) {
        for (List<String> component : Tarjan.components(remaining, downstream)) {
            boolean selfLoop = component.size() == 1
                    && downstream.getOrDefault(component.getFirst(), List.of()).contains(component.getFirst());
            if (component.size() > 1 || selfLoop) {
                String cycle = component.size() <= MAX_NAMED ? String.join(" -> ", component)
                        : String.join(" -> ", component.subList(0, MAX_NAMED)) + " -> ... (" + component.size() + " nodes in all)";
                cycle += " -> " + component.getFirst();
                problems.add(new Problem(component.getFirst(), null, CYCLE, "the flow has a cycle: " + cycle
                        + "; a flow must be a directed acyclic graph"));
            }
        }
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    /**
     * Strongly connected components, each in the order of a path through it: Tarjan's algorithm
     * with an explicit stack of the nodes being visited and where each is in its list of
     * successors, so a cycle of any length is found without recursion.
     */
    private static final class Tarjan {

        /** A node being visited, and the index of its next successor to look at. */
        private static final class Visit {
            final String node;
            final List<String> successors;
            int next;

            Visit(String node, List<String> successors) {
                this.node = node;
                this.successors = successors;
            }
        }

        private Tarjan() {
        }

        static List<List<String>> components(List<String> nodes, Map<String, List<String>> edges) {
            var among = new HashSet<>(nodes);
            var index = new HashMap<String, Integer>();
            var low = new HashMap<String, Integer>();
            var stack = new ArrayDeque<String>();
            var onStack = new HashSet<String>();
            var components = new ArrayList<List<String>>();
            for (String start : nodes) {
                if (index.containsKey(start)) {
                    continue;
                }
                var visits = new ArrayDeque<Visit>();
                enter(start, edges, index, low, stack, onStack, visits);
                while (!visits.isEmpty()) {
                    Visit visit = visits.peek();
                    if (visit.next < visit.successors.size()) {
                        String successor = visit.successors.get(visit.next++);
                        if (!among.contains(successor)) {
                            continue;
                        }
                        if (!index.containsKey(successor)) {
                            enter(successor, edges, index, low, stack, onStack, visits);
                        } else if (onStack.contains(successor)) {
                            low.put(visit.node, Math.min(low.get(visit.node), index.get(successor)));
                        }
                        continue;
                    }
                    visits.pop();
                    if (!visits.isEmpty()) {
                        String parent = visits.peek().node;
                        low.put(parent, Math.min(low.get(parent), low.get(visit.node)));
                    }
                    if (low.get(visit.node).equals(index.get(visit.node))) {
                        var component = new ArrayList<String>();
                        String member;
                        do {
                            member = stack.pop();
                            onStack.remove(member);
                            component.add(member);
                        } while (!member.equals(visit.node));
                        Collections.reverse(component);
                        components.add(component);
                    }
                }
            }
            return components;
        }

        private static void enter(String node, Map<String, List<String>> edges, Map<String, Integer> index,
                                  Map<String, Integer> low, ArrayDeque<String> stack, Set<String> onStack, ArrayDeque<Visit> visits) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            visits.push(new Visit(node, edges.getOrDefault(node, List.of())));
        }
    }
}
