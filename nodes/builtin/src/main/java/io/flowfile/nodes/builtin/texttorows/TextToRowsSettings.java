package io.flowfile.nodes.builtin.texttorows;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;

/**
 * @param column       the column holding the text to split
 * @param delimiter    the text between parts (default a comma)
 * @param outputColumn the column that receives the parts; null for {@code column} itself
 */
public record TextToRowsSettings(
        @JsonPropertyDescription("Column whose text is split; values that are not text are read as text.") @ColumnName String column,
        @JsonPropertyDescription("Text between the parts (default \",\").") String delimiter,
        @JsonPropertyDescription("Column that receives the parts: empty replaces the split column, an existing name "
                + "replaces that column in place, a new name is added at the end.") String outputColumn) {

    public TextToRowsSettings {
        delimiter = delimiter == null ? "," : delimiter;
        outputColumn = outputColumn == null || outputColumn.isEmpty() ? null : outputColumn;
        new SettingsCheck()
                .notBlank("column", column)
                .require(!delimiter.isEmpty(), "delimiter", "must not be empty")
                .require(outputColumn == null || !outputColumn.isBlank(), "output_column", "must not be blank")
                .done();
    }

    /** The column that receives the parts. */
    String target() {
        return outputColumn == null ? column : outputColumn;
    }
}
