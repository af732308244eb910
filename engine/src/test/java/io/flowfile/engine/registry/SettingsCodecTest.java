package io.flowfile.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowfile.node.WriteMode;
import org.junit.jupiter.api.Test;

class SettingsCodecTest {

    /** Settings with a count, a share and an enum. */
    public record Counted(Integer rowCount, Double share, WriteMode mode) {
    }

    private final SettingsCodec codec = new SettingsCodec();

    private SettingsCodec.Binding<Counted> bind(String json) throws Exception {
        JsonNode tree = new ObjectMapper().readTree(json);
        return codec.bind(tree, Counted.class);
    }

    @Test
    void aFractionalCountIsRefusedNamingTheSetting() throws Exception {
        var binding = bind("{\"row_count\": 2.5}");
        assertThat(binding.ok()).isFalse();
        assertThat(binding.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("row_count");
            assertThat(problem.message()).contains("whole number", "2.5");
        });
        assertThat(bind("{\"row_count\": 3, \"share\": 2}").settings()).isEqualTo(new Counted(3, 2.0, null));
    }

    @Test
    void anEnumGivenAsANumberIsRefusedNamingTheSetting() throws Exception {
        for (String value : new String[] {"0", "1", "\"1\""}) {
            var binding = bind("{\"mode\": " + value + "}");
            assertThat(binding.ok()).as(value).isFalse();
            assertThat(binding.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEqualTo("mode");
                assertThat(problem.message()).contains("overwrite", "fail_if_exists");
            });
        }
        assertThat(bind("{\"mode\": \"FAIL_IF_EXISTS\"}").settings().mode()).isEqualTo(WriteMode.FAIL_IF_EXISTS);
    }

    /** Settings whose constructor checks them, with a list of nested settings. */
    public record Checked(String path, Boolean header, java.util.List<Item> items) {
        public Checked {
            new io.flowfile.node.SettingsCheck().notBlank("path", path).done();
        }
    }

    /** A nested setting. */
    public record Item(String name) {
    }

    @Test
    void anUnknownSettingIsNamedBesideTheConstructorsProblems() throws Exception {
        var binding = codec.bind(new ObjectMapper().readTree("{\"no_such\": 1, \"items\": [{\"name\": \"a\", \"extra\": 2}]}"),
                Checked.class);

        assertThat(binding.problems()).extracting(SettingsCodec.SettingProblem::path)
                .containsExactly("no_such", "items[0].extra", "path");
        assertThat(binding.problems().get(0).message()).contains("unknown setting 'no_such'", "header, items, path");
        assertThat(binding.problems().get(1).message()).contains("unknown setting 'extra' in items[0]", "name");
    }

    @Test
    void aNumberIsNotReadAsTrueOrFalse() throws Exception {
        for (String value : new String[] {"1", "0", "1.0"}) {
            var binding = codec.bind(new ObjectMapper().readTree("{\"path\": \"p\", \"header\": " + value + "}"), Checked.class);
            assertThat(binding.problems()).as(value).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEqualTo("header");
                assertThat(problem.message()).contains("true or false");
            });
        }
        assertThat(codec.bind(new ObjectMapper().readTree("{\"path\": \"p\", \"header\": false}"), Checked.class).settings().header())
                .isFalse();
    }
}
