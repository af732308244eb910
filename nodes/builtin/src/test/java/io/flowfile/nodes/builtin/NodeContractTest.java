package io.flowfile.nodes.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flowfile.engine.Problem;
import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.NodeType;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite every node type passes: settings round-trip through JSON and YAML, the predicted schema
 * equals the schema a real run produces, the output equals rows written out by hand (in development
 * and in performance mode), and bad settings give a message that names the setting.
 */
public abstract class NodeContractTest<S extends Record> {

    @TempDir
    protected Path workDir;

    protected NodeHarness harness;

    /**
     * A run of the node.
     *
     * @param name     shown in the test report
     * @param settings the node's settings
     * @param inputs   tables connected to its ports
     * @param expected the rows it must produce, every value as DuckDB prints it as VARCHAR (null for
     *                 NULL), worked out by hand, not by running the same SQL
     * @param ordered  whether row order is part of the expectation
     * @param readBack for nodes without output (writers): a query whose rows are compared instead;
     *                 {@code {dir}} in it stands for the work directory
     */
    public record Case<S>(String name, S settings, List<In> inputs, List<List<String>> expected, boolean ordered,
                             String readBack) {

        public static <S> Case<S> unordered(String name, S settings, List<In> inputs, List<List<String>> expected) {
            return new Case<>(name, settings, inputs, expected, false, null);
        }

        public static <S> Case<S> ordered(String name, S settings, List<In> inputs, List<List<String>> expected) {
            return new Case<>(name, settings, inputs, expected, true, null);
        }
    }

    /**
     * Settings that must be refused.
     *
     * @param pathContains    a part of the reported setting path, e.g. {@code keys[0].column}
     * @param messageContains a part of the message, e.g. the names of the columns that do exist
     */
    public record BadSettings(String name, String json, List<In> inputs, String pathContains, String messageContains) {
    }

    protected abstract NodeType<S> type();

    protected abstract List<Case<S>> cases();

    protected abstract List<BadSettings> badSettings();

    /** The kernel plane for node types that run code on kernels; none by default. */
    protected io.flowfile.node.KernelGateway kernels() {
        return null;
    }

    @BeforeEach
    void createHarness() {
        harness = NodeHarness.create(workDir, kernels(), type());
    }

    @AfterEach
    void closeHarness() {
        harness.close();
    }

    protected static List<String> row(String... values) {
        return java.util.Arrays.asList(values);
    }

    @SafeVarargs
    protected static <T> List<T> list(T... values) {
        return List.of(values);
    }

    @TestFactory
    Stream<DynamicTest> settingsRoundTripThroughJsonAndYaml() {
        var yaml = new YAMLMapper();
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            JsonNode json = harness.codec().toJson(c.settings());
            assertThat(harness.codec().bind(json, type().settingsType()).settings()).isEqualTo(c.settings());
            JsonNode throughYaml = yaml.readTree(yaml.writeValueAsString(json));
            assertThat(harness.codec().bind(throughYaml, type().settingsType()).settings()).isEqualTo(c.settings());
        }));
    }

    @TestFactory
    Stream<DynamicTest> predictedSchemaEqualsTheSchemaOfARealRun() {
        return cases().stream()
                .filter(c -> c.readBack() == null)
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    NodeHarness.Result result = harness.run(type(), c.settings(), c.inputs().toArray(In[]::new));
                    assertThat(result.problems()).isEmpty();
                    assertThat(result.error()).isNull();
                    assertThat(result.predicted()).isEqualTo(result.actual());
                }));
    }

    @TestFactory
    Stream<DynamicTest> outputEqualsTheExpectedRows() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            NodeHarness.Result result = harness.run(type(), c.settings(), c.inputs().toArray(In[]::new));
            assertThat(result.problems()).isEmpty();
            assertThat(result.error()).isNull();
            List<List<String>> actual = c.readBack() == null ? result.rows()
                    : harness.query(c.readBack().replace("{dir}", workDir.toString()));
            if (c.ordered()) {
                assertThat(actual).containsExactlyElementsOf(c.expected());
            } else {
                assertThat(actual).containsExactlyInAnyOrderElementsOf(c.expected());
            }
            if (c.readBack() == null) {
                assertThat(result.fusedRows()).as("rows of the same node fused into one query (performance mode)")
                        .containsExactlyInAnyOrderElementsOf(result.rows());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> badSettingsGiveAClearMessage() {
        return badSettings().stream().map(bad -> DynamicTest.dynamicTest(bad.name(), () -> {
            List<Problem> problems = harness.validate(type(), bad.json(), bad.inputs().toArray(In[]::new));
            assertThat(problems).as("problems for %s", bad.json()).isNotEmpty();
            assertThat(problems).anySatisfy(problem -> {
                assertThat(problem.nodeId()).isEqualTo(NodeHarness.NODE_ID);
                assertThat(problem.path()).contains(bad.pathContains());
                assertThat(problem.message()).contains(bad.messageContains());
            });
        }));
    }
}
