package io.flowfile.nodes.builtin.fuzzymatch;

import static io.flowfile.engine.testing.NodeHarness.in;
import static io.flowfile.engine.testing.NodeHarness.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.engine.testing.NodeHarness;
import io.flowfile.engine.testing.NodeHarness.In;
import io.flowfile.node.Column;
import io.flowfile.node.NodeType;
import io.flowfile.node.Schema;
import io.flowfile.nodes.builtin.NodeContractTest;
import io.flowfile.nodes.builtin.fuzzymatch.FuzzyMatchSettings.FuzzyKey;
import io.flowfile.nodes.builtin.fuzzymatch.FuzzyMatchSettings.How;
import io.flowfile.nodes.builtin.fuzzymatch.FuzzyMatchSettings.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scores worked out by hand: levenshtein(kitten, sitting) = 3 over 7 characters gives 1 - 3/7;
 * levenshtein(apple, appel) = 2 gives 1 - 2/5 and the Damerau distance 1 gives 1 - 1/5;
 * Jaro-Winkler(martha, marhta) = 0.9611...; the Jaccard index of the character sets of night and
 * nacht is |{n,h,t}| / |{n,i,g,h,t,a,c}| = 3/7.
 */
class FuzzyMatchNodeTest extends NodeContractTest<FuzzyMatchSettings> {

    private static final In PEOPLE = in("left", table("name VARCHAR, city VARCHAR",
            "('kitten', 'oslo')", "('apple', 'rome')", "('zzz', 'bern')", "(NULL, 'lima')", "('', 'void')"));
    private static final In CODES = in("right", table("name VARCHAR, code INTEGER",
            "('sitting', 1)", "('appel', 2)", "('qqq', 3)", "('', 4)"));
    private static final In WORDS = in("left", table("word VARCHAR", "('martha')", "('night')"));
    private static final In TERMS = in("right", table("term VARCHAR", "('marhta')", "('nacht')"));
    /** café/cafe: one substitution in 4 characters; 日本/日本語: one insertion in 3 characters. */
    private static final In CAFE = in("left", table("word VARCHAR", "('caf\u00e9')", "('\u65e5\u672c')"));
    private static final In CAFE_PLAIN = in("right", table("term VARCHAR", "('cafe')", "('\u65e5\u672c\u8a9e')"));

    @Override
    protected NodeType<FuzzyMatchSettings> type() {
        return new FuzzyMatchNode();
    }

    private static FuzzyMatchSettings one(String left, String right, Method method, double threshold, How how) {
        return new FuzzyMatchSettings(List.of(new FuzzyKey(left, right, method, threshold)), how);
    }

    @Override
    protected List<Case<FuzzyMatchSettings>> cases() {
        return List.of(
                Case.unordered("levenshtein keeps pairs at or above the threshold; two empty texts are equal",
                        one("name", "name", Method.LEVENSHTEIN, 0.55, null), List.of(PEOPLE, CODES),
                        List.of(row("kitten", "oslo", "sitting", "1", "0.5714285714285714"),
                                row("apple", "rome", "appel", "2", "0.6"), row("", "void", "", "4", "1.0"))),
                Case.unordered("left keeps unmatched left rows, null keys included",
                        one("name", "name", Method.LEVENSHTEIN, 0.55, How.LEFT), List.of(PEOPLE, CODES),
                        List.of(row("kitten", "oslo", "sitting", "1", "0.5714285714285714"),
                                row("apple", "rome", "appel", "2", "0.6"), row("", "void", "", "4", "1.0"),
                                row("zzz", "bern", null, null, null), row(null, "lima", null, null, null))),
                Case.unordered("damerau-levenshtein counts a transposition once",
                        one("name", "name", Method.DAMERAU_LEVENSHTEIN, 0.7, null), List.of(PEOPLE, CODES),
                        List.of(row("apple", "rome", "appel", "2", "0.8"), row("", "void", "", "4", "1.0"))),
                Case.unordered("jaro-winkler", one("word", "term", Method.JARO_WINKLER, 0.9, null), List.of(WORDS, TERMS),
                        List.of(row("martha", "marhta", "0.9611111111111111"))),
                Case.unordered("jaccard of character sets; a left row may match several right rows",
                        one("word", "term", Method.JACCARD, 0.4, null), List.of(WORDS, TERMS),
                        List.of(row("martha", "marhta", "1.0"), row("martha", "nacht", "0.42857142857142855"),
                                row("night", "nacht", "0.42857142857142855"))),
                Case.unordered("every key must reach its threshold",
                        new FuzzyMatchSettings(List.of(new FuzzyKey("first", "first", null, 0.5),
                                new FuzzyKey("city", "town", Method.JARO_WINKLER, 0.9)), null),
                        List.of(in("left", table("first VARCHAR, city VARCHAR", "('jon', 'oslo')", "('jon', 'rome')")),
                                in("right", table("first VARCHAR, town VARCHAR", "('john', 'oslo')", "('jan', 'rome')"))),
                        List.of(row("jon", "oslo", "john", "oslo", "0.75", "1.0"),
                                row("jon", "rome", "jan", "rome", "0.6666666666666667", "1.0"))),
                Case.unordered("levenshtein counts characters, not UTF-8 bytes",
                        one("word", "term", Method.LEVENSHTEIN, 0.5, null), List.of(CAFE, CAFE_PLAIN),
                        List.of(row("caf\u00e9", "cafe", "0.75"), row("\u65e5\u672c", "\u65e5\u672c\u8a9e", "0.6666666666666667"))),
                Case.unordered("damerau-levenshtein counts characters, not UTF-8 bytes",
                        one("word", "term", Method.DAMERAU_LEVENSHTEIN, 0.5, null), List.of(CAFE, CAFE_PLAIN),
                        List.of(row("caf\u00e9", "cafe", "0.75"), row("\u65e5\u672c", "\u65e5\u672c\u8a9e", "0.6666666666666667"))),
                Case.unordered("jaro-winkler matches characters, not UTF-8 bytes",
                        one("word", "term", Method.JARO_WINKLER, 0.5, null), List.of(CAFE, CAFE_PLAIN),
                        List.of(row("caf\u00e9", "cafe", "0.8833333333333334"),
                                row("\u65e5\u672c", "\u65e5\u672c\u8a9e", "0.9111111111111111"))),
                Case.unordered("jaccard of character sets, not byte sets",
                        one("word", "term", Method.JACCARD, 0.5, null), List.of(CAFE, CAFE_PLAIN),
                        List.of(row("caf\u00e9", "cafe", "0.6"), row("\u65e5\u672c", "\u65e5\u672c\u8a9e", "0.6666666666666666"))),
                Case.unordered("numbers are compared as text",
                        one("zip", "postcode", Method.DAMERAU_LEVENSHTEIN, 0.75, null),
                        List.of(in("left", table("zip INTEGER", "(1234)", "(9999)")),
                                in("right", table("postcode VARCHAR", "('1243')"))),
                        List.of(row("1234", "1243", "0.75"))));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(
                new BadSettings("unknown left column names the left columns",
                        "{\"keys\": [{\"left\": \"nom\", \"right\": \"name\"}]}", List.of(PEOPLE, CODES),
                        "keys[0].left", "name, city"),
                new BadSettings("unknown right column names the right columns",
                        "{\"keys\": [{\"left\": \"name\", \"right\": \"nom\"}]}", List.of(PEOPLE, CODES),
                        "keys[0].right", "name, code"),
                new BadSettings("threshold above 1",
                        "{\"keys\": [{\"left\": \"name\", \"right\": \"name\", \"threshold\": 1.5}]}",
                        List.of(PEOPLE, CODES), "keys[0].threshold", "between 0 and 1"),
                new BadSettings("unknown method",
                        "{\"keys\": [{\"left\": \"name\", \"right\": \"name\", \"method\": \"soundex\"}]}",
                        List.of(PEOPLE, CODES), "keys[0].method", "levenshtein, jaro_winkler, jaccard, damerau_levenshtein"),
                new BadSettings("no keys", "{\"keys\": []}", List.of(PEOPLE, CODES), "keys", "at least one"),
                new BadSettings("score column named like an input column",
                        "{\"keys\": [{\"left\": \"name\", \"right\": \"name\"}]}",
                        List.of(in("left", table("name VARCHAR, name_name_score DOUBLE", "('a', 1.0)")), CODES),
                        "keys", "name_name_score"));
    }

    @Test
    void aPairWithMoreThan127DistinctCharactersFailsTheRunSayingSo() {
        var many = new StringBuilder();
        for (char c = '\u0100'; c < '\u0100' + 130; c++) {
            many.append(c);
        }
        NodeHarness.Result result = harness.run(type(), one("word", "term", Method.LEVENSHTEIN, 0.5, null),
                in("left", table("word VARCHAR", "('" + many + "')")), in("right", table("term VARCHAR", "('x')")));

        assertThat(result.error()).isNotNull();
        assertThat(result.error().message()).contains("at most 127 distinct characters");
    }

    @Test
    void predictsTheSchemaWithSuffixAndScores() {
        NodeHarness.Result result = harness.run(type(), one("name", "name", null, 0.8, How.LEFT), PEOPLE, CODES);

        assertThat(result.predicted()).isEqualTo(Schema.of(new Column("name", "VARCHAR"), new Column("city", "VARCHAR"),
                new Column("name_right", "VARCHAR"), new Column("code", "INTEGER"),
                new Column("name_name_score", "DOUBLE")));
    }
}
