package io.flowfile.nodes.builtin.join;

import static io.flowfile.nodes.builtin.join.JoinOutput.LEFT_ALIAS;
import static io.flowfile.nodes.builtin.join.JoinOutput.RIGHT_ALIAS;

import io.flowfile.node.Input;
import io.flowfile.node.InputPort;
import io.flowfile.node.NodeCategory;
import io.flowfile.node.NodeDescriptor;
import io.flowfile.node.NodeErrorCode;
import io.flowfile.node.NodePlan;
import io.flowfile.node.NodePlan.QueryPlan;
import io.flowfile.node.NodeType;
import io.flowfile.node.PlanContext;
import io.flowfile.node.Ports;
import io.flowfile.node.Sql;
import io.flowfile.nodes.builtin.join.JoinSettings.Clash;
import io.flowfile.nodes.builtin.join.JoinSettings.How;
import io.flowfile.nodes.builtin.join.JoinSettings.KeyPair;
import java.util.ArrayList;
import java.util.List;

/** Joins two inputs on equal key columns, or pairs every row of one with every row of the other. */
public final class JoinNode implements NodeType<JoinSettings> {

    static final String LEFT = "left";
    static final String RIGHT = "right";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("join", NodeCategory.COMBINE, "Join",
            "Joins the left and right inputs where key columns are equal: inner, left, right, full, semi, anti "
                    + "or cross. A right key named like its left key is dropped; other names on both sides get suffixes.",
            new Ports(List.of(InputPort.one(LEFT), InputPort.one(RIGHT)), List.of(Ports.MAIN)));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<JoinSettings> settingsType() {
        return JoinSettings.class;
    }

    @Override
    public NodePlan plan(JoinSettings settings, PlanContext context) {
        Input left = context.input(LEFT);
        Input right = context.input(RIGHT);
        String from = fromClause(settings, context, left, right);
        if (settings.how() == How.SEMI || settings.how() == How.ANTI) {
            return QueryPlan.main("SELECT " + LEFT_ALIAS + ".* FROM " + from, left.schema());
        }
        JoinOutput output = JoinOutput.of(settings, left.schema(), right.schema());
        if (settings.clash() == Clash.FAIL && !output.clashes().isEmpty()) {
            context.problem("clash", NodeErrorCode.INVALID_SETTING, "columns on both sides: "
                    + String.join(", ", output.clashes()) + "; rename them upstream or set clash to suffix");
        } else if (!output.duplicateNames().isEmpty()) {
            context.problem("right_suffix", NodeErrorCode.INVALID_SETTING, "the suffixes give column names that "
                    + "already exist: " + String.join(", ", output.duplicateNames()) + "; choose other suffixes");
        }
        return QueryPlan.main("SELECT " + output.selectList() + " FROM " + from, output.schemaOrNull());
    }

    private static String fromClause(JoinSettings settings, PlanContext context, Input left, Input right) {
        String joined = left.ref() + " AS " + LEFT_ALIAS + " " + keyword(settings.how()) + " "
                + right.ref() + " AS " + RIGHT_ALIAS;
        if (settings.how() == How.CROSS) {
            return joined;
        }
        var conditions = new ArrayList<String>();
        for (int i = 0; i < settings.keys().size(); i++) {
            KeyPair key = settings.keys().get(i);
            context.requireColumn(left, "keys[" + i + "].left", key.left());
            context.requireColumn(right, "keys[" + i + "].right", key.right());
            conditions.add(Sql.column(LEFT_ALIAS, key.left()) + " = " + Sql.column(RIGHT_ALIAS, key.right()));
        }
        return joined + " ON " + String.join(" AND ", conditions);
    }

    private static String keyword(How how) {
        return switch (how) {
            case INNER -> "INNER JOIN";
            case LEFT -> "LEFT JOIN";
            case RIGHT -> "RIGHT JOIN";
            case FULL -> "FULL JOIN";
            case SEMI -> "SEMI JOIN";
            case ANTI -> "ANTI JOIN";
            case CROSS -> "CROSS JOIN";
        };
    }
}
