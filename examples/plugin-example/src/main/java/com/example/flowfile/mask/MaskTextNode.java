package com.example.flowfile.mask;

import io.flowfile.node.Input;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Sql;

/** Masks a text column with '*' but its last characters: 4111111111111111 becomes ************1111. */
public final class MaskTextNode implements NodeType<MaskTextSettings> {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.transform("mask_text", NodeCategory.TRANSFORM, "Mask text",
            "Replaces the characters of a text column with * but its last few, e.g. card numbers.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<MaskTextSettings> settingsType() {
        return MaskTextSettings.class;
    }

    @Override
    public NodePlan plan(MaskTextSettings settings, PlanContext context) {
        Input input = context.input(Ports.MAIN);
        if (!context.requireColumn(input, "column", settings.column())) {
            return null;
        }
        // Names are quoted and numbers are numbers: no setting's text reaches the SQL as it is.
        String column = Sql.identifier(settings.column());
        String masked = "CASE WHEN " + column + " IS NULL THEN NULL ELSE repeat('*', greatest(length(" + column + ") - " + settings.keep()
                + ", 0)) || right(" + column + ", " + settings.keep() + ") END";
        return NodePlan.QueryPlan.main("SELECT * REPLACE (" + masked + " AS " + column + ") FROM " + input.ref());
    }
}
