package io.flowfile.nodes.builtin.readjson;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.FilePath;
import io.flowfile.node.SettingsCheck;

/**
 * @param path       a JSON file or a glob such as {@code data/*.json}, relative to the flow's directory
 *                   or absolute
 * @param format     how the records are laid out; default auto-detected
 * @param sampleRows records read from each file to infer the keys and types; default null: every
 *                   record of every file, so a key or a wider value that first appears late is
 *                   a column of the right type instead of failing the run, being rounded or being
 *                   left out
 */
public record ReadJsonSettings(
        @JsonPropertyDescription("A JSON file or a glob such as data/part-*.json, relative to the flow's directory or absolute.")
        @FilePath String path,
        @JsonPropertyDescription("How the records are laid out: auto (default, detected from the file), "
                + "array (one JSON array of objects) or newline_delimited (one object per line).")
        Format format,
        @JsonProperty("sample_rows")
        @JsonPropertyDescription("Records read from each file to infer the keys and their types; by default every record "
                + "of every file, so a key or a wider value that first appears late is still a column of the right type. "
                + "With a sample, a later key fails the run and DuckDB truncates a decimal read into an integer column.")
        Integer sampleRows) {

    public ReadJsonSettings {
        format = format == null ? Format.AUTO : format;
        new SettingsCheck()
                .notBlank("path", path)
                .range("sample_rows", sampleRows, 1, Integer.MAX_VALUE)
                .done();
    }

    /** The layouts of DuckDB's {@code read_json(format=...)}; the lower-case names are DuckDB's. */
    public enum Format { AUTO, ARRAY, NEWLINE_DELIMITED }
}
