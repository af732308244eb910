package io.flowfile.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.engine.testing.CsvSinkNode;
import io.flowfile.engine.testing.Flows;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {

    private final JsonSchemas schemas = new JsonSchemas();

    @Test
    void settingsSchemaComesFromTheRecordWithLowerCaseEnums() {
        ObjectNode schema = schemas.settings(new CsvSinkNode());
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("properties").path("path").path("type").asText()).isEqualTo("string");
        JsonNode mode = schema.path("properties").path("mode");
        assertThat(mode.toString()).contains("\"overwrite\"", "\"fail_if_exists\"");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void documentSchemaAppliesEachTypesSettingsSchema() {
        ObjectNode schema = schemas.document(Flows.registry());
        JsonNode node = schema.path("properties").path("nodes").path("items");
        assertThat(node.path("properties").path("type").path("enum").toString()).contains("test_csv_sink", "test_query", "test_table", "test_script");
        assertThat(node.path("allOf")).hasSize(Flows.registry().names().size());
        assertThat(node.path("allOf").toString()).doesNotContain("$ref");
    }
}
