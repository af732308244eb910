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
}
