package io.flowfile.nodes.builtin.sql;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.Ports;
import io.flowfile.node.SettingsCheck;
import io.flowfile.node.SqlText;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * @param inputs names of the input ports; each is a table name in the query
 * @param query  a DuckDB SELECT query over those tables, used as written
 */
public record SqlSettings(
        @JsonPropertyDescription("Names of the inputs (letters, digits and underscores; default [main]). Each becomes an "
                + "input port and a table name the query can read.") List<String> inputs,
        @JsonPropertyDescription("DuckDB SQL query over the inputs, used as written (raw SQL), e.g. "
                + "SELECT * FROM main WHERE amount > 0.") @SqlText(SqlText.Kind.QUERY) String query) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public SqlSettings {
        inputs = inputs == null ? List.of(Ports.MAIN) : List.copyOf(inputs);
        var check = new SettingsCheck().notEmpty("inputs", inputs).notBlank("query", query);
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < inputs.size(); i++) {
            String name = inputs.get(i);
            String path = "inputs[" + i + "]";
            check.require(name != null && NAME.matcher(name).matches(), path,
                    "'" + name + "' is not a name of letters, digits and underscores that starts with a letter or underscore");
            Integer earlier = name == null ? null : seen.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
            check.require(earlier == null, path, "'" + name + "' is also the name of inputs[" + earlier + "]");
        }
        check.done();
    }
}
