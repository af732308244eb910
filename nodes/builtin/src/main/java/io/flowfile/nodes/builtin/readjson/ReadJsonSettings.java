package io.flowfile.nodes.builtin.readjson;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.SettingsCheck;

/**
 * @param path   a JSON file or a glob such as {@code data/*.json}, relative to the flow's directory
 *               or absolute
 * @param format how the records are laid out; default auto-detected
 */
public record ReadJsonSettings(
        @JsonPropertyDescription("A JSON file or a glob such as data/part-*.json, relative to the flow's directory or absolute.")
        String path,
        @JsonPropertyDescription("How the records are laid out: auto (default, detected from the file), "
                + "array (one JSON array of objects) or newline_delimited (one object per line).")
        Format format) {

    public ReadJsonSettings {
        format = format == null ? Format.AUTO : format;
        new SettingsCheck().notBlank("path", path).done();
    }

    /** The layouts of DuckDB's {@code read_json(format=...)}; the lower-case names are DuckDB's. */
    public enum Format { AUTO, ARRAY, NEWLINE_DELIMITED }
}
