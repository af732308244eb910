package io.flowfile.engine.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import io.flowfile.engine.flow.FlowDocument;
import io.flowfile.node.ColumnName;
import io.flowfile.node.FilePath;
import io.flowfile.node.NodeType;
import io.flowfile.node.SqlText;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;

/**
 * JSON Schemas generated from the settings records: one per node type, and one for the whole flow
 * document that applies the right settings schema to each node by its type. The UI renders forms
 * from them.
 *
 * <p>Besides standard JSON Schema, a settings property may carry these keywords, taken from the
 * node SDK's annotations on the settings record's components:
 * <ul>
 *   <li>{@value #COLUMN}: the input port whose column(s) the property names ({@link ColumnName}); on
 *       an array of strings it stands on the array property itself;
 *   <li>{@value #SQL}: {@code true} on SQL text ({@link SqlText});
 *   <li>{@value #PATH}: {@code "read"} or {@code "write"} on a file path ({@link FilePath}).
 * </ul>
 */
public final class JsonSchemas {

    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** Keyword naming the input port whose columns a property names. */
    public static final String COLUMN = "x-flowfile-column";
    /** Keyword marking SQL text. */
    public static final String SQL = "x-flowfile-sql";
    /** Keyword marking a file path: {@code "read"} or {@code "write"}. */
    public static final String PATH = "x-flowfile-path";

    private final SchemaGenerator generator;

    public JsonSchemas() {
        var config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.INLINE_ALL_SCHEMAS);
        config.without(Option.FLATTENED_ENUMS);
        var snakeCase = new PropertyNamingStrategies.SnakeCaseStrategy();
        config.forFields().withPropertyNameOverrideResolver(field -> {
            JsonProperty explicit = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
            return explicit != null && !explicit.value().isEmpty() ? explicit.value() : snakeCase.translate(field.getDeclaredName());
        });
        config.forFields().withInstanceAttributeOverride((attributes, field, context) -> {
            if (field.isFakeContainerItemScope()) {
                return;
            }
            ColumnName column = annotation(field, ColumnName.class);
            if (column != null) {
                attributes.put(COLUMN, column.port());
            }
            if (annotation(field, SqlText.class) != null) {
                attributes.put(SQL, true);
            }
            FilePath path = annotation(field, FilePath.class);
            if (path != null) {
                attributes.put(PATH, path.write() ? "write" : "read");
            }
        });
        config.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            Class<?> erased = type.getErasedType();
            if (!erased.isEnum()) {
                return null;
            }
            ObjectNode definition = context.getGeneratorConfig().createObjectNode().put("type", "string");
            ArrayNode values = definition.putArray("enum");
            SettingsCodec.enumValues(erased).forEach(values::add);
            return new CustomDefinition(definition);
        });
        this.generator = new SchemaGenerator(config.build());
    }

    /** The annotation on a field, or on the record component the field belongs to. */
    private static <A extends Annotation> A annotation(FieldScope scope, Class<A> type) {
        Field field = scope.getRawMember();
        A found = field.getAnnotation(type);
        if (found != null) {
            return found;
        }
        Class<?> owner = field.getDeclaringClass();
        if (owner.isRecord()) {
            for (RecordComponent component : owner.getRecordComponents()) {
                if (component.getName().equals(field.getName())) {
                    return component.getAnnotation(type);
                }
            }
        }
        return null;
    }

    /** The schema of one node type's settings. */
    public ObjectNode settings(NodeType<?> type) {
        if (type instanceof io.flowfile.engine.custom.CustomNodeType custom) {
            return custom.settingsSchema();
        }
        ObjectNode schema = generator.generateSchema(type.settingsType());
        schema.put("title", type.descriptor().label());
        schema.put("description", type.descriptor().description());
        return schema;
    }

    /** The schema of a flow document whose nodes are of the registry's types. */
    public ObjectNode document(NodeRegistry registry) {
        var json = JsonNodeFactory.instance;
        ObjectNode schema = json.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("title", "Flowfile flow document");
        schema.put("type", "object");
        schema.putArray("required").add("flowfile").add("name").add("nodes");
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("flowfile").put("const", FlowDocument.FORMAT_VERSION).put("description", "Format version.");
        properties.putObject("name").put("type", "string").put("minLength", 1);
        properties.putObject("description").put("type", "string");
        properties.putObject("parameters").put("type", "object")
                .put("description", "Parameter defaults; settings refer to them as ${name}.")
                .putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean");
        ObjectNode node = properties.putObject("nodes").put("type", "array").putObject("items");
        node.put("type", "object");
        node.putArray("required").add("id").add("type");
        node.put("additionalProperties", false);
        ObjectNode nodeProperties = node.putObject("properties");
        nodeProperties.putObject("id").put("type", "string").put("pattern", "^[A-Za-z0-9_-]+$");
        ArrayNode types = nodeProperties.putObject("type").putArray("enum");
        registry.names().forEach(types::add);
        nodeProperties.putObject("type_version").put("type", "integer").put("minimum", 1)
                .put("description", "The version of a custom node type the node was built with (default: the newest).");
        nodeProperties.putObject("label").put("type", "string");
        ObjectNode position = nodeProperties.putObject("position").put("type", "object");
        position.putObject("properties").set("x", json.objectNode().put("type", "number"));
        ((ObjectNode) position.get("properties")).set("y", json.objectNode().put("type", "number"));
        nodeProperties.putObject("cache").put("type", "boolean");
        nodeProperties.putObject("settings").put("type", "object");
        ArrayNode rules = node.putArray("allOf");
        for (NodeType<?> type : registry.types()) {
            ObjectNode rule = rules.addObject();
            rule.putObject("if").putObject("properties").putObject("type").put("const", type.descriptor().type());
            ObjectNode settings = settings(type);
            settings.remove("$schema");
            rule.putObject("then").putObject("properties").set("settings", settings);
        }
        ObjectNode edge = properties.putObject("edges").put("type", "array").putObject("items");
        edge.put("type", "object").put("additionalProperties", false);
        edge.putArray("required").add("from").add("to");
        String portPattern = "^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)?$";
        edge.putObject("properties").set("from", json.objectNode().put("type", "string").put("pattern", portPattern)
                .put("description", "node, or node.port for a port other than main"));
        ((ObjectNode) edge.get("properties")).set("to", json.objectNode().put("type", "string").put("pattern", portPattern));
        return schema;
    }
}
