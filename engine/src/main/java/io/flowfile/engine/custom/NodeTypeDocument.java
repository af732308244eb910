package io.flowfile.engine.custom;

import static io.flowfile.engine.EngineErrorCode.MALFORMED_DOCUMENT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.Problem;
import io.flowfile.engine.flow.FlowCodec;
import io.flowfile.engine.flow.FlowFormat;
import io.flowfile.node.Column;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.Schema;
import io.flowfile.node.Sql;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A custom node type as its author writes it (YAML or JSON, {@code flowfile_node: 1}): name, palette
 * entry, ports, settings form and implementation. {@link #fromTree} reports every problem at once;
 * {@link #toTree} writes the stable form (fixed key order, defaults left out).
 *
 * @param type           the type name flows use (lower snake case); cannot be a built-in's
 * @param title          the palette's label
 * @param category       the palette group
 * @param icon           an icon name for the palette, or empty
 * @param description    one or two sentences for the palette
 * @param version        the version this document is (the catalog numbers saved versions)
 * @param inputs         the input port names (0-10), each taking one connection
 * @param outputs        the output port names (1-10)
 * @param sections       the settings form
 * @param implementation how the node computes its outputs
 */
public record NodeTypeDocument(String type, String title, NodeCategory category, String icon, String description, int version,
                               List<String> inputs, List<String> outputs, List<FormSection> sections, Implementation implementation) {

    public static final int FORMAT_VERSION = 1;
    private static final FlowCodec CODEC = new FlowCodec();
    public static final int MAX_PORTS = 10;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    /** A setting in an SQL implementation: {@code {{name}}}. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}\\s]*)\\s*\\}\\}");
    private static final Set<String> KEYS = Set.of("flowfile_node", "type", "title", "category", "icon", "description", "version",
            "inputs", "outputs", "form", "implementation");
    private static final Set<String> SECTION_KEYS = Set.of("title", "visible_when", "components");
    private static final Set<String> COMPONENT_KEYS = Set.of("name", "kind", "label", "description", "required", "default", "min",
            "max", "step", "integer", "options", "input", "column_types", "multiple");
    private static final Set<String> SQL_KEYS = Set.of("kind", "sql");
    private static final Set<String> PYTHON_KEYS = Set.of("kind", "code", "predict_schema", "requirements", "output_schemas");

    public NodeTypeDocument {
        icon = icon == null ? "" : icon;
        description = description == null ? "" : description;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        sections = List.copyOf(sections);
    }

    /** Every component of the form, in order. */
    public List<FormComponent> components() {
        return sections.stream().flatMap(section -> section.components().stream()).toList();
    }

    /** The document as {@code version}. */
    public NodeTypeDocument withVersion(int version) {
        return new NodeTypeDocument(type, title, category, icon, description, version, inputs, outputs, sections, implementation);
    }

    // ---- reading ------------------------------------------------------------------------------------

    /** The document of a YAML or JSON text (the limits and error messages of flow documents). */
    public static NodeTypeDocument read(String text, FlowFormat format) {
        return fromTree(CODEC.readTree(text, format));
    }

    /** The document as YAML or JSON text in its stable form. */
    public String write(FlowFormat format) {
        return CODEC.writeTree(toTree(), format);
    }

    /** The document of a JSON tree, or a {@link FlowException} naming every problem (paths from the document's root). */
    public static NodeTypeDocument fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new FlowException(MALFORMED_DOCUMENT, "a node type document is an object with 'flowfile_node', 'type', 'title', "
                    + "'inputs', 'outputs', 'form' and 'implementation'");
        }
        var reader = new Reader();
        NodeTypeDocument document = reader.document(root);
        if (!reader.problems.isEmpty()) {
            throw new FlowException(reader.problems);
        }
        return document;
    }

    private static final class Reader {
        final List<Problem> problems = new ArrayList<>();

        void problem(String path, String message) {
            problems.add(Problem.ofDocument(path, MALFORMED_DOCUMENT, message));
        }

        NodeTypeDocument document(JsonNode root) {
            unknown(root, KEYS, "");
            JsonNode format = root.get("flowfile_node");
            if (format == null || !format.isIntegralNumber() || format.asInt() != FORMAT_VERSION) {
                problem("flowfile_node", "the format version 'flowfile_node' must be " + FORMAT_VERSION);
            }
            String type = text(root, "type", true);
            if (type != null && !NAME.matcher(type).matches()) {
                problem("type", "the type name '" + type + "' must be lower snake case (a letter, then letters, digits or _; at most 63)");
            }
            String title = text(root, "title", true);
            String categoryText = text(root, "category", false);
            NodeCategory category = NodeCategory.TRANSFORM;
            if (categoryText != null) {
                category = categoryOf(categoryText);
                if (category == null) {
                    problem("category", "'" + categoryText + "' is no category; categories: " + categories());
                }
            }
            String icon = text(root, "icon", false);
            String description = text(root, "description", false);
            int version = 1;
            JsonNode versionNode = root.get("version");
            if (versionNode != null) {
                if (versionNode.isIntegralNumber() && versionNode.canConvertToInt() && versionNode.asInt() >= 1) {
                    version = versionNode.asInt();
                } else {
                    problem("version", "version must be a whole number of 1 or more");
                }
            }
            List<String> inputs = names(root.get("inputs"), "inputs", 0, List.of("main"));
            List<String> outputs = names(root.get("outputs"), "outputs", 1, List.of("main"));
            List<FormSection> sections = form(root.get("form"), inputs);
            Implementation implementation = implementation(root.get("implementation"), sections, outputs);
            if (!problems.isEmpty()) {
                return null;
            }
            return new NodeTypeDocument(type, title, category, icon, description, version, inputs, outputs, sections, implementation);
        }

        List<String> names(JsonNode node, String path, int least, List<String> otherwise) {
            if (node == null) {
                return otherwise;
            }
            if (!node.isArray()) {
                problem(path, path + " is a list of port names");
                return List.of();
            }
            var names = new ArrayList<String>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode name = node.get(i);
                if (!name.isTextual() || !NAME.matcher(name.asText()).matches()) {
                    problem(path + "[" + i + "]", "a port name is lower snake case: " + name);
                } else if (names.contains(name.asText())) {
                    problem(path + "[" + i + "]", "port '" + name.asText() + "' is named twice");
                } else {
                    names.add(name.asText());
                }
            }
            if (node.size() < least || node.size() > MAX_PORTS) {
                problem(path, "a node type has " + least + " to " + MAX_PORTS + " " + path + ", not " + node.size());
            }
            return names;
        }

        List<FormSection> form(JsonNode form, List<String> inputs) {
            if (form == null) {
                return List.of();
            }
            JsonNode sectionsNode = form.isObject() ? form.get("sections") : null;
            if (sectionsNode == null || !sectionsNode.isArray() || form.size() != 1) {
                problem("form", "form is an object with one key, 'sections': a list of sections");
                return List.of();
            }
            var sections = new ArrayList<FormSection>();
            var names = new LinkedHashMap<String, FormComponent>();
            for (int i = 0; i < sectionsNode.size(); i++) {
                String path = "form.sections[" + i + "]";
                JsonNode section = sectionsNode.get(i);
                if (!section.isObject()) {
                    problem(path, "a section is an object with 'title', 'components' and optionally 'visible_when'");
                    continue;
                }
                unknown(section, SECTION_KEYS, path + ".");
                FormSection.VisibleWhen when = visibleWhen(section.get("visible_when"), path + ".visible_when", names);
                var components = new ArrayList<FormComponent>();
                JsonNode list = section.get("components");
                if (list == null || !list.isArray()) {
                    problem(path + ".components", "components is a list");
                } else {
                    for (int j = 0; j < list.size(); j++) {
                        FormComponent component = component(list.get(j), path + ".components[" + j + "]", inputs, names);
                        if (component != null) {
                            components.add(component);
                        }
                    }
                }
                sections.add(new FormSection(section.path("title").asText(""), when, components));
            }
            return sections;
        }

        FormSection.VisibleWhen visibleWhen(JsonNode node, String path, Map<String, FormComponent> before) {
            if (node == null) {
                return null;
            }
            if (!node.isObject() || !node.has("setting") || !node.has("equals") || node.size() != 2) {
                problem(path, "visible_when is {setting: NAME, equals: VALUE}");
                return null;
            }
            String setting = node.get("setting").asText();
            if (!before.containsKey(setting)) {
                problem(path + ".setting", "'" + setting + "' is no setting of an earlier section; settings: " + String.join(", ", before.keySet()));
                return null;
            }
            String fault = SettingValues.fault(before.get(setting), node.get("equals"));
            if (fault != null) {
                problem(path + ".equals", "the value that shows the section is not one '" + setting + "' can have: it " + fault);
                return null;
            }
            return new FormSection.VisibleWhen(setting, node.get("equals"));
        }

        FormComponent component(JsonNode node, String path, List<String> inputs, Map<String, FormComponent> names) {
            if (!node.isObject()) {
                problem(path, "a component is an object with 'name', 'kind' and 'label'");
                return null;
            }
            int before = problems.size();
            unknown(node, COMPONENT_KEYS, path + ".");
            String name = text(node, "name", path + ".name", true);
            if (name != null && !NAME.matcher(name).matches()) {
                problem(path + ".name", "a setting's name is lower snake case: '" + name + "'");
            } else if (name != null && names.containsKey(name)) {
                problem(path + ".name", "setting '" + name + "' is in the form twice");
            }
            String kindText = text(node, "kind", path + ".kind", true);
            FormComponent.Kind kind = kindText == null ? null : FormComponent.Kind.of(kindText);
            if (kindText != null && kind == null) {
                problem(path + ".kind", "'" + kindText + "' is no kind of component; kinds: " + String.join(", ", FormComponent.Kind.names()));
            }
            String label = text(node, "label", path + ".label", false);
            String description = text(node, "description", path + ".description", false);
            boolean required = bool(node, "required", path);
            boolean integer = bool(node, "integer", path);
            boolean multiple = bool(node, "multiple", path);
            Double min = number(node, "min", path);
            Double max = number(node, "max", path);
            Double step = number(node, "step", path);
            if (min != null && max != null && min > max) {
                problem(path + ".max", "max " + max + " is below min " + min);
            }
            if (step != null && step <= 0) {
                problem(path + ".step", "step must be above 0");
            }
            List<String> options = strings(node.get("options"), path + ".options");
            String input = text(node, "input", path + ".input", false);
            String typesText = text(node, "column_types", path + ".column_types", false);
            FormComponent.ColumnTypes columnTypes = typesText == null ? null : FormComponent.ColumnTypes.of(typesText);
            if (typesText != null && columnTypes == null) {
                problem(path + ".column_types", "column_types is one of any, numeric, text, temporal");
            }
            if (kind != null) {
                switch (kind) {
                    case SELECT, MULTI_SELECT -> {
                        if (options.isEmpty()) {
                            problem(path + ".options", "a " + kind.written() + " needs its options");
                        }
                    }
                    case COLUMN_ACTIONS -> {
                        if (options.isEmpty()) {
                            problem(path + ".options", "a column_actions component needs the actions to choose from as its options");
                        }
                    }
                    case SLIDER -> {
                        if (min == null || max == null) {
                            problem(path, "a slider needs min and max");
                        }
                    }
                    default -> {
                    }
                }
                if (kind.columns()) {
                    if (input == null) {
                        if (inputs.size() == 1) {
                            input = inputs.getFirst();
                        } else {
                            problem(path + ".input", "a column component names the input whose columns it offers; inputs: " + inputs);
                        }
                    } else if (!inputs.contains(input)) {
                        problem(path + ".input", "'" + input + "' is no input of this node type; inputs: " + inputs);
                    }
                } else if (input != null || columnTypes != null) {
                    problem(path + ".input", "only column components take input and column_types");
                }
            }
            JsonNode defaultValue = node.get("default");
            if (problems.size() != before) {
                return null;
            }
            var component = new FormComponent(name, kind, label == null ? name : label, description, required, defaultValue, min, max,
                    step, integer, options, input, columnTypes, multiple);
            if (defaultValue != null && !defaultValue.isNull()) {
                String fault = SettingValues.fault(component, defaultValue);
                if (fault != null) {
                    problem(path + ".default", "the default " + fault);
                }
            }
            names.put(name, component);
            return component;
        }

        Implementation implementation(JsonNode node, List<FormSection> sections, List<String> outputs) {
            String path = "implementation";
            if (node == null || !node.isObject()) {
                problem(path, "implementation is {kind: sql, sql: ...} or {kind: python, code: ...}");
                return null;
            }
            String kind = node.path("kind").asText("");
            var settings = new LinkedHashMap<String, FormComponent>();
            sections.forEach(section -> section.components().forEach(component -> settings.put(component.name(), component)));
            switch (kind) {
                case "sql" -> {
                    unknown(node, SQL_KEYS, path + ".");
                    String sql = text(node, "sql", path + ".sql", true);
                    if (sql == null) {
                        return null;
                    }
                    if (outputs.size() != 1) {
                        problem("outputs", "an SQL node type has one output");
                    }
                    String inside = SqlPlaceholders.quotedOrCommented(sql);
                    if (inside != null) {
                        problem(path + ".sql", inside);
                    }
                    Matcher matcher = PLACEHOLDER.matcher(sql);
                    while (matcher.find()) {
                        FormComponent component = settings.get(matcher.group(1));
                        if (component == null) {
                            problem(path + ".sql", "{{" + matcher.group(1) + "}} is no setting; settings: " + String.join(", ", settings.keySet()));
                        } else if (component.kind() == FormComponent.Kind.SECRET) {
                            problem(path + ".sql", "{{" + component.name() + "}} is a secret: a secret is never put into SQL");
                        } else if (component.kind() == FormComponent.Kind.COLUMN_ACTIONS) {
                            problem(path + ".sql", "{{" + component.name() + "}} is a list of columns with actions, which SQL cannot take; "
                                    + "use it in a Python node type");
                        }
                    }
                    return new Implementation.SqlImplementation(sql);
                }
                case "python" -> {
                    unknown(node, PYTHON_KEYS, path + ".");
                    String code = text(node, "code", path + ".code", true);
                    String predict = text(node, "predict_schema", path + ".predict_schema", false);
                    for (var body : new String[][] {{"code", code}, {"predict_schema", predict}}) {
                        if (body[1] != null && body[1].lines().anyMatch(line -> line.matches("^ *\t.*"))) {
                            problem(path + "." + body[0], "the code is indented with tabs: indent it with spaces");
                        }
                    }
                    List<String> requirements = strings(node.get("requirements"), path + ".requirements");
                    for (int i = 0; i < requirements.size(); i++) {
                        if (!Requirements.readable(requirements.get(i))) {
                            problem(path + ".requirements[" + i + "]", "'" + requirements.get(i) + "' is not a requirement such as "
                                    + "scikit-learn or polars>=1.0");
                        }
                    }
                    Map<String, Schema> schemas = outputSchemas(node.get("output_schemas"), path + ".output_schemas", outputs);
                    return code == null ? null : new Implementation.PythonImplementation(code, predict, requirements, schemas);
                }
                default -> {
                    problem(path + ".kind", "the implementation's kind is sql or python, not '" + kind + "'");
                    return null;
                }
            }
        }

        Map<String, Schema> outputSchemas(JsonNode node, String path, List<String> outputs) {
            if (node == null) {
                return Map.of();
            }
            if (!node.isObject()) {
                problem(path, "output_schemas maps an output to its columns as {name: DuckDB type}");
                return Map.of();
            }
            var schemas = new LinkedHashMap<String, Schema>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var entry = it.next();
                if (!outputs.contains(entry.getKey())) {
                    problem(path + "." + entry.getKey(), "'" + entry.getKey() + "' is no output; outputs: " + outputs);
                    continue;
                }
                var columns = new ArrayList<Column>();
                if (!entry.getValue().isObject() || entry.getValue().isEmpty()) {
                    problem(path + "." + entry.getKey(), "an output's schema is {column: DuckDB type, ...}");
                    continue;
                }
                entry.getValue().fields().forEachRemaining(column -> {
                    if (!column.getValue().isTextual() || !Sql.isTypeName(column.getValue().asText())) {
                        problem(path + "." + entry.getKey() + "." + column.getKey(), "'" + column.getValue().asText() + "' is not a DuckDB type name");
                    } else {
                        columns.add(new Column(column.getKey(), column.getValue().asText()));
                    }
                });
                schemas.put(entry.getKey(), new Schema(columns));
            }
            return schemas;
        }

        void unknown(JsonNode node, Set<String> keys, String prefix) {
            node.fieldNames().forEachRemaining(key -> {
                if (!keys.contains(key)) {
                    problem(prefix + key, "unknown key '" + key + "'; known keys: " + String.join(", ", keys.stream().sorted().toList()));
                }
            });
        }

        String text(JsonNode node, String key, boolean required) {
            return text(node, key, key, required);
        }

        String text(JsonNode node, String key, String path, boolean required) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (required) {
                    problem(path, key + " is required");
                }
                return null;
            }
            if (!value.isTextual() || (required && value.asText().isBlank())) {
                problem(path, key + " must be " + (required ? "a text that is not blank" : "a text"));
                return null;
            }
            return value.asText();
        }

        boolean bool(JsonNode node, String key, String path) {
            JsonNode value = node.get(key);
            if (value != null && !value.isBoolean()) {
                problem(path + "." + key, key + " is true or false");
            }
            return value != null && value.asBoolean();
        }

        Double number(JsonNode node, String key, String path) {
            JsonNode value = node.get(key);
            if (value == null) {
                return null;
            }
            if (!value.isNumber()) {
                problem(path + "." + key, key + " is a number");
                return null;
            }
            return value.asDouble();
        }

        List<String> strings(JsonNode node, String path) {
            if (node == null) {
                return List.of();
            }
            var values = new ArrayList<String>();
            if (!node.isArray()) {
                problem(path, "a list of texts");
                return values;
            }
            var seen = new HashSet<String>();
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
                    problem(path + "[" + i + "]", "a text that is not blank");
                } else if (!seen.add(node.get(i).asText())) {
                    problem(path + "[" + i + "]", "'" + node.get(i).asText() + "' is listed twice");
                } else {
                    values.add(node.get(i).asText());
                }
            }
            return values;
        }
    }

    static NodeCategory categoryOf(String text) {
        for (NodeCategory category : NodeCategory.values()) {
            if (category.name().toLowerCase(Locale.ROOT).equals(text)) {
                return category;
            }
        }
        return null;
    }

    static String categories() {
        return String.join(", ", java.util.Arrays.stream(NodeCategory.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
    }

    static boolean isSecretName(String text) {
        return SECRET_NAME.matcher(text).matches();
    }

    // ---- writing ------------------------------------------------------------------------------------

    /** The document in its stable form: fixed key order, defaults left out. */
    public ObjectNode toTree() {
        var json = JsonNodeFactory.instance;
        ObjectNode root = json.objectNode();
        root.put("flowfile_node", FORMAT_VERSION);
        root.put("type", type);
        root.put("title", title);
        root.put("category", category.name().toLowerCase(Locale.ROOT));
        if (!icon.isEmpty()) {
            root.put("icon", icon);
        }
        if (!description.isEmpty()) {
            root.put("description", description);
        }
        root.put("version", version);
        inputs.forEach(root.putArray("inputs")::add);
        outputs.forEach(root.putArray("outputs")::add);
        ArrayNode sectionsTree = root.putObject("form").putArray("sections");
        for (FormSection section : sections) {
            ObjectNode out = sectionsTree.addObject();
            out.put("title", section.title());
            if (section.visibleWhen() != null) {
                out.putObject("visible_when").put("setting", section.visibleWhen().setting()).set("equals", section.visibleWhen().equals());
            }
            ArrayNode components = out.putArray("components");
            section.components().forEach(component -> components.add(componentTree(component)));
        }
        ObjectNode implementationTree = root.putObject("implementation");
        switch (implementation) {
            case Implementation.SqlImplementation sql -> implementationTree.put("kind", "sql").put("sql", sql.sql());
            case Implementation.PythonImplementation python -> {
                implementationTree.put("kind", "python").put("code", python.code());
                if (!python.predictSchema().isEmpty()) {
                    implementationTree.put("predict_schema", python.predictSchema());
                }
                if (!python.requirements().isEmpty()) {
                    python.requirements().forEach(implementationTree.putArray("requirements")::add);
                }
                if (!python.outputSchemas().isEmpty()) {
                    ObjectNode schemas = implementationTree.putObject("output_schemas");
                    python.outputSchemas().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
                        ObjectNode columns = schemas.putObject(entry.getKey());
                        entry.getValue().columns().forEach(column -> columns.put(column.name(), column.type()));
                    });
                }
            }
        }
        return root;
    }

    private static ObjectNode componentTree(FormComponent component) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", component.name());
        out.put("kind", component.kind().written());
        out.put("label", component.label());
        if (!component.description().isEmpty()) {
            out.put("description", component.description());
        }
        if (component.required()) {
            out.put("required", true);
        }
        if (component.defaultValue() != null) {
            out.set("default", component.defaultValue());
        }
        putNumber(out, "min", component.min());
        putNumber(out, "max", component.max());
        putNumber(out, "step", component.step());
        if (component.integer()) {
            out.put("integer", true);
        }
        if (!component.options().isEmpty()) {
            component.options().forEach(out.putArray("options")::add);
        }
        if (component.kind().columns()) {
            out.put("input", component.input());
            if (component.columnTypes() != FormComponent.ColumnTypes.ANY) {
                out.put("column_types", component.columnTypes().written());
            }
            if (component.multiple()) {
                out.put("multiple", true);
            }
        }
        return out;
    }

    private static void putNumber(ObjectNode out, String key, Double value) {
        if (value == null) {
            return;
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.put(key, value.longValue());
        } else {
            out.put(key, value);
        }
    }
}
