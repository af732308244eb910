package io.flowfile.nodes.builtin.fuzzymatch;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowfile.node.ColumnName;
import io.flowfile.node.SettingsCheck;
import java.util.List;

/**
 * @param keys column pairs compared by similarity; a row pair matches when every pair reaches its
 *             threshold
 * @param how  inner (default) keeps matched pairs only; left also keeps unmatched left rows
 */
public record FuzzyMatchSettings(
        @JsonPropertyDescription("Pairs of a left and a right text column compared by similarity; rows match "
                + "when every pair reaches its threshold.") List<FuzzyKey> keys,
        @JsonPropertyDescription("inner (default) keeps matched row pairs; left also keeps left rows without "
                + "a match, with nulls for the right columns and scores.") How how) {

    public FuzzyMatchSettings {
        keys = keys == null ? List.of() : List.copyOf(keys);
        how = how == null ? How.INNER : how;
        new SettingsCheck().notEmpty("keys", keys).done();
    }

    public enum How { INNER, LEFT }

    public enum Method { LEVENSHTEIN, JARO_WINKLER, JACCARD, DAMERAU_LEVENSHTEIN }

    /**
     * @param left      column of the left input
     * @param right     column of the right input
     * @param method    similarity measure; default levenshtein
     * @param threshold lowest similarity that counts as a match, 0 to 1; default 0.8
     */
    public record FuzzyKey(
            @JsonPropertyDescription("Column of the left input; values are compared as text.") @ColumnName(port = "left") String left,
            @JsonPropertyDescription("Column of the right input; values are compared as text.") @ColumnName(port = "right") String right,
            @JsonPropertyDescription("levenshtein (default), damerau_levenshtein (both as 1 - edit distance / length of "
                    + "the longer text), jaro_winkler (prefix weight 0.1 over at most 4 characters; half the transpositions "
                    + "rounded down, as DuckDB counts them, so Smith/Schmidt is 0.736 where the textbook gives 0.699) or "
                    + "jaccard (of the two sets of characters). Every measure counts "
                    + "characters (Unicode code points), not bytes: café and cafe differ by one character of four. A pair "
                    + "of texts with more than 127 distinct characters fails the run.") Method method,
            @JsonPropertyDescription("Lowest similarity that counts as a match, from 0 to 1; default 0.8. "
                    + "Two empty texts are 1, one empty text 0.") Double threshold) {

        public FuzzyKey {
            method = method == null ? Method.LEVENSHTEIN : method;
            threshold = threshold == null ? 0.8 : threshold;
            new SettingsCheck()
                    .notBlank("left", left)
                    .notBlank("right", right)
                    .require(threshold >= 0 && threshold <= 1, "threshold", "must be between 0 and 1, got " + threshold)
                    .done();
        }
    }
}
