package io.flowfile.nodes.builtin.join;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;
import java.util.List;

/**
 * @param how         which rows the join keeps; default inner
 * @param keys        column pairs whose values must be equal; none for a cross join
 * @param clash       what to do when a non-key column name is on both sides; default suffix
 * @param leftSuffix  appended to clashing left column names; default empty
 * @param rightSuffix appended to clashing right column names; default {@code _right}
 */
public record JoinSettings(
        @JsonPropertyDescription("inner (default), left, right, full, semi (left rows with a match), "
                + "anti (left rows without a match) or cross (every left row with every right row).") How how,
        @JsonPropertyDescription("Pairs of a left and a right column whose values must be equal; "
                + "required for every join but cross, refused for cross.") List<KeyPair> keys,
        @JsonPropertyDescription("When a column name other than a shared key is on both sides: suffix (default) "
                + "renames them with the suffixes, fail refuses the join.") Clash clash,
        @JsonProperty("left_suffix")
        @JsonPropertyDescription("Appended to the names of clashing left columns; default empty.") String leftSuffix,
        @JsonProperty("right_suffix")
        @JsonPropertyDescription("Appended to the names of clashing right columns; default _right.") String rightSuffix) {

    public JoinSettings {
        how = how == null ? How.INNER : how;
        keys = keys == null ? List.of() : List.copyOf(keys);
        clash = clash == null ? Clash.SUFFIX : clash;
        leftSuffix = leftSuffix == null ? "" : leftSuffix;
        rightSuffix = rightSuffix == null ? "_right" : rightSuffix;
        new SettingsCheck()
                .require(how == How.CROSS || !keys.isEmpty(), "keys",
                        "needs at least one entry: every join but cross matches rows on keys")
                .require(how != How.CROSS || keys.isEmpty(), "keys",
                        "must be empty: a cross join pairs every left row with every right row")
                .require(clash != Clash.SUFFIX || !leftSuffix.equalsIgnoreCase(rightSuffix), "right_suffix",
                        "must differ from left_suffix, or clashing columns keep clashing")
                .done();
    }

    public enum How { INNER, LEFT, RIGHT, FULL, SEMI, ANTI, CROSS }

    public enum Clash { SUFFIX, FAIL }

    /**
     * @param left  column of the left input
     * @param right column of the right input
     */
    public record KeyPair(
            @JsonPropertyDescription("Column of the left input.") @ColumnName(port = "left") String left,
            @JsonPropertyDescription("Column of the right input.") @ColumnName(port = "right") String right) {

        public KeyPair {
            new SettingsCheck().notBlank("left", left).notBlank("right", right).done();
        }
    }
}
