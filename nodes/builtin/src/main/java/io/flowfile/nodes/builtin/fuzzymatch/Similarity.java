package io.flowfile.nodes.builtin.fuzzymatch;

import io.flowfile.nodes.builtin.fuzzymatch.FuzzyMatchSettings.Method;

/**
 * String similarity on characters (Unicode code points) as SQL. DuckDB's {@code levenshtein},
 * {@code damerau_levenshtein}, {@code jaro_winkler_similarity} and {@code jaccard} work on UTF-8
 * bytes, so {@code café} and {@code cafe} differ by two bytes instead of one character. When both
 * texts are ASCII their bytes are their characters and the functions are called as they are.
 * Otherwise the pair is first rewritten so that each distinct character of the two texts becomes one
 * ASCII character: equal characters stay equal, different ones stay different, and a text keeps its
 * length in characters, which is all the four measures look at. ASCII has 127 characters besides
 * NUL, so a pair with more distinct characters than that fails the run, saying so.
 */
final class Similarity {

    /** The characters 1 to 127, one for each distinct character of a pair. */
    private static final String ASCII =
            "array_to_string(list_transform(range(1, 128), lambda i: chr(CAST(i AS INTEGER))), '')";

    private Similarity() {
    }

    /**
     * @param a the left text, as SQL of type VARCHAR, never NULL or empty
     * @param b the right text
     * @return the similarity from 0 to 1 as a DOUBLE
     */
    static String of(Method method, String a, String b) {
        String characters = "array_to_string(list_sort(list_distinct(string_split(" + a + " || " + b + ", ''))), '')";
        String replacements = "left(" + ASCII + ", length(" + characters + "))";
        String asciiA = "translate(" + a + ", " + characters + ", " + replacements + ")";
        String asciiB = "translate(" + b + ", " + characters + ", " + replacements + ")";
        return "(CASE WHEN strlen(" + a + ") = length(" + a + ") AND strlen(" + b + ") = length(" + b + ") THEN "
                + measure(method, a, b)
                + " WHEN length(" + characters + ") > 127 THEN error('fuzzy_match compares texts by character and "
                + "supports at most 127 distinct characters in a pair; a pair starting ' || left(" + a + ", 20) || ' and ' || left(" + b
                + ", 20) || ' has ' || length(" + characters + "))"
                + " ELSE " + measure(method, asciiA, asciiB) + " END)";
    }

    /** The measure over two ASCII texts, whose bytes are their characters. */
    private static String measure(Method method, String a, String b) {
        return switch (method) {
            case LEVENSHTEIN -> normalizedDistance("levenshtein", a, b);
            case DAMERAU_LEVENSHTEIN -> normalizedDistance("damerau_levenshtein", a, b);
            case JARO_WINKLER -> "jaro_winkler_similarity(" + a + ", " + b + ")";
            case JACCARD -> "jaccard(" + a + ", " + b + ")";
        };
    }

    private static String normalizedDistance(String function, String a, String b) {
        return "1 - " + function + "(" + a + ", " + b + ") / greatest(strlen(" + a + "), strlen(" + b + "))";
    }
}
