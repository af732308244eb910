package io.flowfile.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.engine.FlowEngine;
import io.flowfile.engine.testing.Flows;
import io.flowfile.engine.validate.ValidatedFlow;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {

    /** source -> a -> b -> sink, and b -> c (so b has two consumers). */
    private static final String FLOW = """
            flowfile: 1
            name: shapes
            nodes:
              - {id: source, type: test_table, settings: {columns: "x INTEGER", rows: ["(1)", "(2)", "(3)"]}}
              - {id: a, type: test_query, settings: {sql: "SELECT x * 10 AS x FROM {main}"}}
              - {id: b, type: test_query, settings: {sql: "SELECT * FROM {main} WHERE x > 10"}}
              - {id: sink, type: test_csv_sink, settings: {path: out.csv}}
              - {id: c, type: test_query, settings: {sql: "SELECT count(*) AS n FROM {main}"}}
            edges:
              - {from: source, to: a}
              - {from: a, to: b}
              - {from: b, to: sink}
              - {from: b, to: c}
            """;

    @TempDir
    Path dir;

    private FlowEngine engine;

    @BeforeEach
    void start() {
        engine = Flows.engine(dir.resolve("data"));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private ValidatedFlow flow(String text) {
        return engine.validate(Flows.yaml(text), dir, Map.of());
    }

    @Test
    void performanceModeFusesChainsAndMaterialisesOnlySharedResultsAndOutputs() {
        ExecutionPlan plan = engine.plan(flow(FLOW), ExecutionMode.PERFORMANCE);
        assertThat(plan.stages()).hasSize(3);
        Stage shared = plan.stages().getFirst();
        assertThat(shared.kind()).isEqualTo(Stage.Kind.QUERY);
        assertThat(shared.root().id()).isEqualTo("b");
        assertThat(shared.nodes()).containsExactlyInAnyOrder("source", "a", "b");
        assertThat(plan.stages()).filteredOn(stage -> stage.kind() == Stage.Kind.SINK).singleElement()
                .satisfies(stage -> assertThat(stage.dependsOn()).containsExactly(shared.id()));
        assertThat(plan.stages()).noneMatch(Stage::cached);
    }

    @Test
    void aPartOfTheFlowIsPlannedWhenOnlyANodeAfterItHasAProblem() {
        ValidatedFlow broken = flow(FLOW.replace("SELECT count(*) AS n FROM {main}", "SELECT nope FROM {main}"));
        assertThat(broken.valid()).isFalse();
        assertThat(broken.problems()).allSatisfy(problem -> assertThat(problem.nodeId()).isEqualTo("c"));
        // a preview of a needs source, a; c's problem is not in its way
        ExecutionPlan plan = new Planner().plan(broken, ExecutionMode.DEVELOPMENT, java.util.Set.of(new io.flowfile.engine.validate.RelationId("a", "main")));
        assertThat(plan.stages()).flatExtracting(stage -> stage.nodes()).doesNotContain("c", "b");
        // but a preview of c, and a run of the whole flow, are refused with c's problem
        assertThatThrownBy(() -> new Planner().plan(broken, ExecutionMode.DEVELOPMENT,
                java.util.Set.of(new io.flowfile.engine.validate.RelationId("c", "main"))))
                .isInstanceOf(io.flowfile.engine.FlowException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> engine.plan(broken, ExecutionMode.DEVELOPMENT))
                .isInstanceOf(io.flowfile.engine.FlowException.class).hasMessageContaining("nope");
    }

    @Test
    void aStraightChainIsOneStatement() {
        String chain = """
                flowfile: 1
                name: chain
                nodes:
                  - {id: source, type: test_table, settings: {columns: "x INTEGER", rows: ["(1)"]}}
                  - {id: a, type: test_query, settings: {sql: "SELECT x + 1 AS x FROM {main}"}}
                  - {id: b, type: test_query, settings: {sql: "SELECT x * 2 AS x FROM {main}"}}
                  - {id: sink, type: test_csv_sink, settings: {path: out.csv}}
                edges: [{from: source, to: a}, {from: a, to: b}, {from: b, to: sink}]
                """;
        ExecutionPlan plan = engine.plan(flow(chain), ExecutionMode.PERFORMANCE);
        assertThat(plan.stages()).singleElement().satisfies(stage -> {
            assertThat(stage.kind()).isEqualTo(Stage.Kind.SINK);
            assertThat(stage.nodes()).containsExactlyInAnyOrder("source", "a", "b", "sink");
        });
        String explain = PlanPrinter.explain(plan);
        assertThat(explain).contains("1 stage", "COPY (WITH \"source\" AS", "\"a\" AS (SELECT x + 1 AS x FROM \"source\")",
                "TO '" + dir.resolve("out.csv") + "'");
    }

    @Test
    void developmentModeMaterialisesAndCachesEveryNode() {
        ExecutionPlan plan = engine.plan(flow(FLOW), ExecutionMode.DEVELOPMENT);
        assertThat(plan.stages()).hasSize(5).allMatch(Stage::cached);
        assertThat(plan.stages()).allSatisfy(stage -> assertThat(stage.nodes()).hasSize(1));
    }

    @Test
    void aNodeMarkedCacheIsMaterialisedInPerformanceMode() {
        String marked = FLOW.replace("{id: a, type: test_query,", "{id: a, type: test_query, cache: true,");
        ExecutionPlan plan = engine.plan(flow(marked), ExecutionMode.PERFORMANCE);
        assertThat(plan.stages()).hasSize(4);
        assertThat(plan.stages()).filteredOn(Stage::cached).singleElement()
                .satisfies(stage -> assertThat(stage.root().id()).isEqualTo("a"));
    }

    @Test
    void cacheKeysChangeOnlyDownstreamOfAnEdit() {
        ExecutionPlan before = engine.plan(flow(FLOW), ExecutionMode.DEVELOPMENT);
        ExecutionPlan after = engine.plan(flow(FLOW.replace("x > 10", "x > 20")), ExecutionMode.DEVELOPMENT);
        before.cacheKeys().forEach((relation, key) -> {
            boolean changed = !key.equals(after.cacheKeys().get(relation));
            assertThat(changed).as(relation.toString()).isEqualTo(java.util.Set.of("b", "c", "sink").contains(relation.node()));
        });
    }
}
