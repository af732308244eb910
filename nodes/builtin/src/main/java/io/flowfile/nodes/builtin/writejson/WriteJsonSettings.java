package io.flowfile.nodes.builtin.writejson;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.FilePath;
import io.flowfile.node.SettingsCheck;
import io.flowfile.node.WriteMode;

/**
 * @param path   the file to write, relative to the flow's directory or absolute
 * @param mode   what to do when the file exists (default overwrite)
 * @param format one object per line (default) or one JSON array of objects
 */
public record WriteJsonSettings(
        @JsonPropertyDescription("The file to write, relative to the flow's directory or absolute.") @FilePath(write = true) String path,
        @JsonPropertyDescription("What to do when the file exists: overwrite (default) or fail_if_exists.") WriteMode mode,
        @JsonPropertyDescription("newline_delimited (default: one object per line) or array (one JSON array of objects).")
        Format format) {

    public WriteJsonSettings {
        mode = mode == null ? WriteMode.OVERWRITE : mode;
        format = format == null ? Format.NEWLINE_DELIMITED : format;
        new SettingsCheck().notBlank("path", path).done();
    }

    public enum Format { NEWLINE_DELIMITED, ARRAY }
}
