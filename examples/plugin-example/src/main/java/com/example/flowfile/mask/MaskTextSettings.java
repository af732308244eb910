package com.example.flowfile.mask;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;

/**
 * @param column the text column to mask
 * @param keep   how many of its last characters stay readable
 */
public record MaskTextSettings(
        @JsonPropertyDescription("The text column to mask.") @ColumnName String column,
        @JsonPropertyDescription("How many of its last characters stay readable (default 4).") Integer keep) {

    public MaskTextSettings {
        keep = keep == null ? 4 : keep;
        new SettingsCheck().notBlank("column", column).require(keep >= 0, "keep", "must be 0 or more, got " + keep).done();
    }
}
