package io.flowfile.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlParametersTest {

    private final List<String> problems = new ArrayList<>();

    private String substitute(String sql, String value) {
        return SqlParameters.substitute(sql, Map.of("v", value), new SqlParameters.Problems() {
            @Override
            public void unknown(String name) {
                problems.add("unknown " + name);
            }

            @Override
            public void refused(String message) {
                problems.add(message);
            }
        });
    }

    @Test
    void aValueAloneIsOneLiteral() {
        assertThat(substitute("x = ${v}", "oslo")).isEqualTo("x = 'oslo'");
        assertThat(substitute("x = ${v}", "it's")).isEqualTo("x = 'it''s'");
        assertThat(substitute("x > ${v}", "5")).isEqualTo("x > 5");
        assertThat(substitute("x > ${v}", "2.5e3")).isEqualTo("x > 2.5e3");
        assertThat(substitute("x - ${v}", "-5")).isEqualTo("x - (-5)");
        assertThat(substitute("x${v}", "a")).isEqualTo("x 'a'");
        assertThat(substitute("E${v}", "\\'")).isEqualTo("E '\\'''");
    }

    @Test
    void aValueInsideQuotesStaysInside() {
        assertThat(substitute("x = '${v}'", "a' OR '1'='1")).isEqualTo("x = 'a'' OR ''1''=''1'");
        assertThat(substitute("x = 'it''s ${v}'", "'")).isEqualTo("x = 'it''s '''");
        assertThat(substitute("x = E'${v}'", "a\\")).isEqualTo("x = E'a\\\\'");
        assertThat(substitute("\"${v}\" > 1", "a\" > 0 OR \"b")).isEqualTo("\"a\"\" > 0 OR \"\"b\" > 1");
        assertThat(substitute("x = $$${v}$$", "plain")).isEqualTo("x = $$plain$$");
        assertThat(problems).isEmpty();
        substitute("x = $q$${v}$q$", "a$q$b");
        assertThat(problems).singleElement().satisfies(problem -> assertThat(problem).contains("${v}", "$q$"));
    }

    @Test
    void aValueInACommentCannotEndIt() {
        assertThat(substitute("x -- ${v}\n", "a\nDROP")).isEqualTo("x -- a DROP\n");
        assertThat(substitute("x /* ${v} */", "*/ y /*")).isEqualTo("x /*    y    */");
        assertThat(substitute("x /* /* ${v} */ ${v} */", "1")).isEqualTo("x /* /* 1 */ 1 */");
    }

    @Test
    void anEscapedReferenceIsLiteralAndAnUnknownOneIsReported() {
        assertThat(substitute("'$${v}' <> ${v}", "1")).isEqualTo("'${v}' <> 1");
        assertThat(SqlParameters.substitute("${w}", Map.of(), new SqlParameters.Problems() {
            @Override
            public void unknown(String name) {
                problems.add("unknown " + name);
            }

            @Override
            public void refused(String message) {
                problems.add(message);
            }
        })).isEqualTo("${w}");
        assertThat(problems).containsExactly("unknown w");
    }
}
