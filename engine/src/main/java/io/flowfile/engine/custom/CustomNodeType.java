package io.flowfile.engine.custom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowfile.engine.plan.CacheKeys;
import io.flowfile.engine.registry.SettingsCodec.SettingProblem;
import io.flowfile.node.InputPort;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import java.util.List;

/**
 * A node type an author defined with a {@link NodeTypeDocument}: its settings are checked against
 * the document's form, then its implementation plans the node ({@link SqlNodeType}: a query fused
 * like a built-in's; {@link PythonNodeType}: code on a kernel).
 */
public abstract sealed class CustomNodeType implements NodeType<CustomSettings> permits SqlNodeType, PythonNodeType {

    private final NodeTypeDocument document;
    private final NodeDescriptor descriptor;
    private final String identity;

    CustomNodeType(NodeTypeDocument document) {
        this.document = document;
        this.descriptor = new NodeDescriptor(document.type(), document.category(), document.title(),
                document.description().isEmpty() ? document.title() : document.description(),
                new Ports(document.inputs().stream().map(InputPort::one).toList(), document.outputs()));
        this.identity = document.type() + "@" + document.version() + "#" + CacheKeys.sha256(document.toTree().toString());
    }

    /** The node type a document defines. */
    public static CustomNodeType of(NodeTypeDocument document) {
        return switch (document.implementation()) {
            case Implementation.SqlImplementation sql -> new SqlNodeType(document, sql);
            case Implementation.PythonImplementation python -> new PythonNodeType(document, python);
        };
    }

    public NodeTypeDocument document() {
        return document;
    }

    public int version() {
        return document.version();
    }

    /** Type, version and a hash of the whole document: part of its nodes' cache keys, so a new version never reuses an old result. */
    public String identity() {
        return identity;
    }

    @Override
    public NodeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Class<CustomSettings> settingsType() {
        return CustomSettings.class;
    }

    /** The JSON Schema of its settings, made from its form. */
    public ObjectNode settingsSchema() {
        return SettingValues.schema(document);
    }

    /**
     * Why the node type's query is not one SELECT statement, asked of {@code queryProblem} (a setting's
     * value never changes the query's shape: values are escaped); empty for a type without a query.
     */
    public java.util.Optional<String> queryShapeProblem(java.util.function.Function<String, java.util.Optional<String>> queryProblem) {
        return java.util.Optional.empty();
    }

    /** Every problem of {@code settings} against the form (paths relative to the settings object). */
    public List<SettingProblem> check(JsonNode settings) {
        return SettingValues.check(document, settings);
    }

    @Override
    public final NodePlan plan(CustomSettings settings, PlanContext context) {
        List<SettingProblem> problems = check(settings.values());
        for (SettingProblem problem : problems) {
            context.problem(problem.path().isEmpty() ? null : problem.path(), NodeErrorCode.INVALID_SETTING, problem.message());
        }
        if (!problems.isEmpty()) {
            return null;
        }
        ObjectNode values = SettingValues.effective(document, settings.values());
        for (FormComponent component : document.components()) {
            JsonNode value = values.get(component.name());
            if (component.kind().columns() && !value.isNull() && SettingValues.visible(document, component, values)) {
                ColumnChecks.check(component, value, context.input(component.input()), context);
            }
        }
        return planChecked(values, settings.values(), context);
    }

    /**
     * Plans a node whose settings are accepted: {@code values} holds every setting of the form (defaults
     * filled in), {@code written} the settings as the node has them.
     */
    abstract NodePlan planChecked(ObjectNode values, ObjectNode written, PlanContext context);
}
