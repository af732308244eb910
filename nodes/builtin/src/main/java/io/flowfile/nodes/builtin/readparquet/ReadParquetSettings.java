package io.flowfile.nodes.builtin.readparquet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.FilePath;
import io.flowfile.node.SettingsCheck;

/**
 * @param path        a Parquet file or a glob such as {@code data/part-*.parquet}, relative to the
 *                    flow's directory or absolute
 * @param unionByName whether files with different columns are combined by column name (default
 *                    false: by position, and all files must have the same columns)
 */
public record ReadParquetSettings(
        @JsonPropertyDescription("A Parquet file or a glob such as data/part-*.parquet, relative to the flow's directory or "
                + "absolute. Column names are kept as the files spell them; a file with two columns whose names differ only "
                + "in case (name, Name) is refused, naming both, since column names ignore case.")
        @FilePath String path,
        @JsonProperty("union_by_name")
        @JsonPropertyDescription("Combine files with different columns by column name, filling missing columns with nulls; "
                + "by default all files must have the same columns.")
        Boolean unionByName) {

    public ReadParquetSettings {
        unionByName = unionByName != null && unionByName;
        new SettingsCheck().notBlank("path", path).done();
    }
}
