package io.flowfile.engine.custom;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowfile.node.Column;
import io.flowfile.node.Input;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.PlanContext;

/** The columns a column component names: they exist in its input and are of the kinds it offers. */
final class ColumnChecks {

    private ColumnChecks() {
    }

    static void check(FormComponent component, JsonNode value, Input input, PlanContext context) {
        String path = component.name();
        if (value.isTextual()) {
            one(component, value.asText(), path, input, context);
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String column = item.isObject() ? item.get("column").asText() : item.asText();
            one(component, column, path + "[" + i + "]" + (item.isObject() ? ".column" : ""), input, context);
        }
    }

    private static void one(FormComponent component, String column, String path, Input input, PlanContext context) {
        if (!context.requireColumn(input, path, column)) {
            return;
        }
        Column found = input.schema().find(column).orElseThrow();
        if (!component.columnTypes().accepts(found.type())) {
            context.problem(path, NodeErrorCode.INVALID_SETTING, "column \"" + column + "\" is " + found.type() + ", not a "
                    + component.columnTypes().written() + " column");
        }
    }
}
