package io.flowfile.nodes.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.engine.registry.JsonSchemas;
import io.flowfile.engine.registry.NodeRegistry;
import io.flowfile.node.InputPort;
import io.flowfile.node.NodeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The settings schemas the UI renders forms from: every property of every built-in node type has a
 * description, and the column, SQL and file path keywords stand where the UI expects them.
 */
class SettingsSchemaTest {

    private static final NodeRegistry REGISTRY = NodeRegistry.load(SettingsSchemaTest.class.getClassLoader());

    private final JsonSchemas schemas = new JsonSchemas();

    private ObjectNode settings(String type) {
        return schemas.settings(REGISTRY.types().stream()
                .filter(candidate -> candidate.descriptor().type().equals(type))
                .findFirst().orElseThrow());
    }

    private static List<NodeType<?>> builtinTypes() {
        return REGISTRY.types().stream()
                .filter(type -> type.getClass().getPackageName().startsWith("io.flowfile.nodes.builtin."))
                .collect(Collectors.toList());
    }

    @Test
    void joinKeysNameColumnsOfTheirOwnSide() {
        JsonNode key = settings("join").path("properties").path("keys").path("items").path("properties");
        assertThat(key.path("left").path(JsonSchemas.COLUMN).asText()).isEqualTo("left");
        assertThat(key.path("right").path(JsonSchemas.COLUMN).asText()).isEqualTo("right");
        JsonNode fuzzy = settings("fuzzy_match").path("properties").path("keys").path("items").path("properties");
        assertThat(fuzzy.path("left").path(JsonSchemas.COLUMN).asText()).isEqualTo("left");
        assertThat(fuzzy.path("right").path(JsonSchemas.COLUMN).asText()).isEqualTo("right");
    }

    @Test
    void filterColumnNamesAMainColumnAndTheExpressionIsSql() {
        JsonNode filter = settings("filter").path("properties");
        assertThat(filter.path("basic").path("properties").path("column").path(JsonSchemas.COLUMN).asText()).isEqualTo("main");
        assertThat(filter.path("expression").path(JsonSchemas.SQL).isBoolean()).isTrue();
        assertThat(filter.path("expression").path(JsonSchemas.SQL).asBoolean()).isTrue();
    }

    @Test
    void sqlTextIsMarked() {
        assertThat(settings("sql").path("properties").path("query").path(JsonSchemas.SQL).asBoolean()).isTrue();
        assertThat(settings("formula").path("properties").path("expression").path(JsonSchemas.SQL).asBoolean()).isTrue();
    }

    @Test
    void aListOfColumnsCarriesTheKeywordOnTheArrayAndNewNamesCarryNone() {
        JsonNode groupBy = settings("group_by").path("properties").path("group_by");
        assertThat(groupBy.path("type").asText()).isEqualTo("array");
        assertThat(groupBy.path(JsonSchemas.COLUMN).asText()).isEqualTo("main");
        assertThat(groupBy.path("items").has(JsonSchemas.COLUMN)).isFalse();
        JsonNode aggregation = settings("group_by").path("properties").path("aggregations").path("items").path("properties");
        assertThat(aggregation.path("column").path(JsonSchemas.COLUMN).asText()).isEqualTo("main");
        assertThat(aggregation.path("alias").has(JsonSchemas.COLUMN)).isFalse();
        assertThat(settings("formula").path("properties").path("column").has(JsonSchemas.COLUMN)).isFalse();
        assertThat(settings("record_id").path("properties").path("column").has(JsonSchemas.COLUMN)).isFalse();
    }

    @Test
    void filePathsSayWhetherTheyAreReadOrWritten() {
        for (String type : List.of("read_csv", "read_parquet", "read_json", "read_excel")) {
            assertThat(settings(type).path("properties").path("path").path(JsonSchemas.PATH).asText()).as(type).isEqualTo("read");
        }
        for (String type : List.of("write_csv", "write_parquet", "write_json")) {
            assertThat(settings(type).path("properties").path("path").path(JsonSchemas.PATH).asText()).as(type).isEqualTo("write");
        }
    }

    @Test
    void columnKeywordsNameAnInputPortAndStandOnTextOrListsOfText() {
        var problems = new ArrayList<String>();
        var marked = new TreeMap<String, List<String>>();
        for (NodeType<?> type : builtinTypes()) {
            List<String> ports = type.descriptor().ports().inputs().stream().map(InputPort::name).toList();
            String name = type.descriptor().type();
            walk(schemas.settings(type), name, (path, property) -> {
                if (!property.has(JsonSchemas.COLUMN)) {
                    return;
                }
                marked.computeIfAbsent(name, key -> new ArrayList<>()).add(path);
                String port = property.path(JsonSchemas.COLUMN).asText();
                if (!ports.contains(port)) {
                    problems.add(path + ": port " + port + " is not one of " + ports);
                }
                boolean text = property.path("type").asText().equals("string");
                boolean texts = property.path("type").asText().equals("array")
                        && property.path("items").path("type").asText().equals("string");
                if (!text && !texts) {
                    problems.add(path + ": " + JsonSchemas.COLUMN + " on " + property.path("type"));
                }
            });
        }
        assertThat(problems).isEmpty();
        assertThat(marked).containsKeys("filter", "fuzzy_match", "group_by", "join", "pivot", "record_id", "select",
                "sort", "text_to_rows", "unique", "unpivot", "window");
    }

    @Test
    void everyPropertyOfEveryBuiltinNodeTypeHasADescription() {
        List<NodeType<?>> types = builtinTypes();
        assertThat(types).hasSizeGreaterThanOrEqualTo(26);
        var missing = new ArrayList<String>();
        for (NodeType<?> type : types) {
            walk(schemas.settings(type), type.descriptor().type(), (path, property) -> {
                if (property.path("description").asText("").isBlank()) {
                    missing.add(path);
                }
            });
        }
        assertThat(missing).as("settings properties without a description (@JsonPropertyDescription)").isEmpty();
    }

    private interface PropertyVisitor {
        void visit(String path, JsonNode property);
    }

    /** Visits every property of the schema, through nested objects, array items and map values. */
    private static void walk(JsonNode schema, String path, PropertyVisitor visitor) {
        if (schema.isArray()) {
            for (int i = 0; i < schema.size(); i++) {
                walk(schema.get(i), path + "[" + i + "]", visitor);
            }
            return;
        }
        if (!schema.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : schema.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.equals("properties") && value.isObject()) {
                for (Map.Entry<String, JsonNode> property : value.properties()) {
                    String propertyPath = path + "." + property.getKey();
                    visitor.visit(propertyPath, property.getValue());
                    walk(property.getValue(), propertyPath, visitor);
                }
            } else if (!key.equals("enum") && !key.equals("const") && !key.equals("default") && !key.equals("examples")) {
                walk(value, path + (key.equals("items") ? "[]" : "/" + key), visitor);
            }
        }
    }
}
