package io.flowfile.engine.plan;

import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.node.NodePlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a validated flow into stages. A relation is materialised when it must be: in development
 * mode always; otherwise when its node is marked {@code cache}, when it is a preview target, when
 * it has no consumer or more than one, and when its node loads its own table. Every other relation
 * has exactly one consumer and is fused into that consumer's statement as a CTE, unless the chain
 * fused into one statement would grow longer than {@link #MAX_FUSED_DEPTH}: DuckDB binds a statement
 * by recursing once per nested relation, so a chain of thousands of nodes is cut into statements of
 * at most that many relations.
 */
public final class Planner {

    /**
     * The longest chain of relations one statement computes. DuckDB refuses a statement nested
     * deeper than its expression depth limit (1000), and nodes nest a few levels each.
     */
    public static final int MAX_FUSED_DEPTH = 64;

    /**
     * @param targets relations to materialise (previews); when not empty, only what they need is
     *                planned, and sinks are left out
     */
    public ExecutionPlan plan(ValidatedFlow flow, ExecutionMode mode, Set<RelationId> targets) {
        if (targets.isEmpty() && !flow.valid()) {
            throw new FlowException(flow.problems());
        }
        Map<String, PlannedNode> nodes = new LinkedHashMap<>();
        flow.nodes().forEach(node -> nodes.put(node.id(), node));
        Set<String> needed = targets.isEmpty() ? nodes.keySet() : ancestors(flow, targets, nodes);
        for (RelationId target : targets) {
            PlannedNode node = nodes.get(target.node());
            // a code node's output whose columns are known only after a run can be previewed: the run makes it
            boolean afterRun = node != null && node.plan() instanceof io.flowfile.node.NodePlan.ScriptPlan code
                    && code.outputs().contains(target.port());
            if (node == null || !(node.outputs().containsKey(target.port()) || afterRun)) {
                throw new FlowException(EngineErrorCode.UNKNOWN_PORT, "cannot preview " + target + ": no such node output");
            }
        }
        Map<RelationId, Integer> consumers = consumers(nodes, needed);
        var builder = new Builder(nodes, mode, targets, consumers, needed);
        for (String id : needed) {
            builder.add(nodes.get(id));
        }
        return new ExecutionPlan(flow, mode, builder.stages, CacheKeys.compute(flow.nodes()));
    }

    /**
     * The nodes the targets are computed from (themselves included), in flow order. Only their
     * problems (and the document's) stop the plan: a problem further down, such as a node after a code
     * node whose columns are known only once it ran, does not stop a preview or a cell.
     */
    private static Set<String> ancestors(ValidatedFlow flow, Set<RelationId> targets, Map<String, PlannedNode> nodes) {
        var found = new HashSet<String>();
        var pending = new ArrayList<String>();
        targets.forEach(target -> pending.add(target.node()));
        while (!pending.isEmpty()) {
            String id = pending.removeLast();
            PlannedNode node = nodes.get(id);
            if (found.add(id) && node != null) {
                node.upstream().forEach(relation -> pending.add(relation.node()));
            }
        }
        var blocking = flow.problems().stream().filter(problem -> problem.nodeId() == null || found.contains(problem.nodeId())).toList();
        if (!blocking.isEmpty()) {
            throw new FlowException(blocking);
        }
        if (!nodes.keySet().containsAll(found) && !flow.valid()) {
            throw new FlowException(flow.problems()); // a node it needs was not planned: the flow's problems say why
        }
        var ordered = new LinkedHashSet<String>();
        nodes.keySet().stream().filter(found::contains).forEach(ordered::add);
        return ordered;
    }

    /**
     * How many statements read each relation. A node with several outputs counts once per output,
     * since each output may end up in a statement of its own.
     */
    private static Map<RelationId, Integer> consumers(Map<String, PlannedNode> nodes, Set<String> needed) {
        var counts = new HashMap<RelationId, Integer>();
        for (String id : needed) {
            PlannedNode node = nodes.get(id);
            int weight = Math.max(1, node.outputs().size());
            node.upstream().forEach(relation -> counts.merge(relation, weight, Integer::sum));
        }
        return counts;
    }

    private static final class Builder {
        private final Map<String, PlannedNode> nodes;
        private final ExecutionMode mode;
        private final Set<RelationId> targets;
        private final Map<RelationId, Integer> consumers;
        private final Map<RelationId, Integer> producers = new HashMap<>();
        private final List<Stage> stages = new ArrayList<>();
        /** Relations read by code nodes: they must exist as tables to be written as Arrow files. */
        private final Set<RelationId> scriptInputs = new HashSet<>();
        /**
         * Code nodes and everything downstream of them: never cached, as a code node's output is not
         * a function of its settings and inputs (randomness, time, its kernel's state).
         */
        private final Set<String> afterScript = new HashSet<>();
        /** Relations materialised only because fusing them would make a statement too deep. */
        private final Set<RelationId> tooDeep = new HashSet<>();

        Builder(Map<String, PlannedNode> nodes, ExecutionMode mode, Set<RelationId> targets, Map<RelationId, Integer> consumers,
                Set<String> needed) {
            this.nodes = nodes;
            this.mode = mode;
            this.targets = targets;
            this.consumers = consumers;
            for (PlannedNode node : nodes.values()) { // topological order
                boolean script = node.plan() instanceof NodePlan.ScriptPlan;
                if (script && needed.contains(node.id())) {
                    scriptInputs.addAll(node.upstream());
                }
                if (script || node.upstream().stream().anyMatch(relation -> afterScript.contains(relation.node()))) {
                    afterScript.add(node.id());
                }
            }
            limitDepth(needed);
        }

        /**
         * Marks the relations that must be materialised to keep each statement at most
         * {@link #MAX_FUSED_DEPTH} relations deep: in topological order, a relation that would be
         * fused is materialised instead when the fused chain ending in it reaches that depth.
         */
        private void limitDepth(Set<String> needed) {
            var depth = new HashMap<RelationId, Integer>(); // relations that are fused: the length of the chain ending in them
            for (String id : needed) {
                PlannedNode node = nodes.get(id);
                if (!(node.plan() instanceof NodePlan.QueryPlan)) {
                    continue;
                }
                int upstream = 0;
                for (RelationId relation : node.upstream()) {
                    upstream = Math.max(upstream, depth.getOrDefault(relation, 0));
                }
                boolean leaf = node.outputs().keySet().stream()
                        .noneMatch(port -> consumers.containsKey(new RelationId(node.id(), port)));
                for (String port : node.outputs().keySet()) {
                    var relation = new RelationId(node.id(), port);
                    if (materialised(node, relation, leaf)) {
                        continue;
                    }
                    if (upstream + 1 >= MAX_FUSED_DEPTH) {
                        tooDeep.add(relation);
                    } else {
                        depth.put(relation, upstream + 1);
                    }
                }
            }
        }

        void add(PlannedNode node) {
            switch (node.plan()) {
                case NodePlan.SinkPlan sink -> {
                    if (targets.isEmpty()) {
                        addStage(Stage.Kind.SINK, node, null);
                    }
                }
                case NodePlan.TablePlan table -> addStage(Stage.Kind.LOAD, node, new RelationId(node.id(), io.flowfile.node.Ports.MAIN));
                case NodePlan.ScriptPlan script -> addScriptStage(node, script);
                case NodePlan.QueryPlan query -> {
                    boolean leaf = node.outputs().keySet().stream()
                            .noneMatch(port -> consumers.containsKey(new RelationId(node.id(), port)));
                    for (String port : node.outputs().keySet().stream().sorted().toList()) {
                        var relation = new RelationId(node.id(), port);
                        if (materialised(node, relation, leaf)) {
                            addStage(Stage.Kind.QUERY, node, relation);
                        }
                    }
                }
            }
        }

        private boolean materialised(PlannedNode node, RelationId relation, boolean leaf) {
            if (node.plan() instanceof NodePlan.TablePlan || scriptInputs.contains(relation) || tooDeep.contains(relation)) {
                return true;
            }
            int count = consumers.getOrDefault(relation, 0);
            if (targets.contains(relation)) {
                return true;
            }
            if (count == 0) {
                return targets.isEmpty() && leaf;
            }
            return mode == ExecutionMode.DEVELOPMENT || node.node().cache() || count > 1;
        }

        /**
         * One stage for a code node: its inputs are materialised (they become Arrow files), it
         * produces every output of the node, and it is never cached (the code may have effects).
         */
        private void addScriptStage(PlannedNode root, NodePlan.ScriptPlan script) {
            List<RelationId> inputs = root.upstream();
            var dependsOn = new HashSet<Integer>();
            inputs.forEach(input -> dependsOn.add(producers.get(input)));
            int id = stages.size();
            RelationId first = new RelationId(root.id(), script.outputs().getFirst());
            stages.add(new Stage(id, Stage.Kind.SCRIPT, root, first, List.of(), inputs, dependsOn, false, Set.of(root.id())));
            script.outputs().forEach(port -> producers.put(new RelationId(root.id(), port), id));
        }

        private void addStage(Stage.Kind kind, PlannedNode root, RelationId output) {
            var fused = new ArrayList<RelationId>();
            var inputs = new LinkedHashSet<RelationId>();
            var stageNodes = new LinkedHashSet<String>();
            stageNodes.add(root.id());
            if (kind != Stage.Kind.LOAD) {
                for (RelationId upstream : root.upstream()) {
                    collect(upstream, fused, inputs, stageNodes);
                }
            }
            if (output != null && kind == Stage.Kind.QUERY) {
                fused.add(output);
            }
            var dependsOn = new HashSet<Integer>();
            inputs.forEach(input -> dependsOn.add(producers.get(input)));
            boolean cached = (mode == ExecutionMode.DEVELOPMENT || root.node().cache())
                    && !afterScript.contains(root.id());
            int id = stages.size();
            stages.add(new Stage(id, kind, root, output, fused, List.copyOf(inputs), dependsOn, cached, stageNodes));
            if (output != null) {
                producers.put(output, id);
            }
        }

        /** Post-order walk up the fused chain, stopping at materialised relations; without recursion. */
        private void collect(RelationId start, List<RelationId> fused, Set<RelationId> inputs, Set<String> stageNodes) {
            record Step(RelationId relation, boolean expanded) {
            }
            var done = new HashSet<>(fused);
            var steps = new ArrayDeque<Step>();
            steps.push(new Step(start, false));
            while (!steps.isEmpty()) {
                Step step = steps.pop();
                RelationId relation = step.relation();
                if (step.expanded()) {
                    if (done.add(relation)) {
                        fused.add(relation);
                        stageNodes.add(relation.node());
                    }
                    continue;
                }
                if (producers.containsKey(relation)) {
                    inputs.add(relation);
                    continue;
                }
                if (done.contains(relation)) {
                    continue;
                }
                steps.push(new Step(relation, true));
                List<RelationId> upstream = nodes.get(relation.node()).upstream();
                for (int i = upstream.size() - 1; i >= 0; i--) {
                    steps.push(new Step(upstream.get(i), false));
                }
            }
        }
    }
}
