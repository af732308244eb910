package io.flowfile.engine.custom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementsTest {

    private static final Map<String, String> INSTALLED = Map.of("scikit_learn", "1.9.1", "polars", "2.1.0", "numpy", "2.4.6");

    @Test
    void namesVersionsAndRulesAreComparedAsPipDoes() {
        assertThat(Requirements.missing(List.of("scikit-learn", "Scikit.Learn>=1.2", "polars>=2,<3", "numpy==2.4.*", "polars~=2.0"), INSTALLED))
                .isEmpty();
        assertThat(Requirements.missing(List.of("scikit-learn>=99", "xgboost", "polars<2", "numpy!=2.4.*"), INSTALLED))
                .containsExactly("scikit-learn>=99 (1.9.1 installed)", "xgboost (not installed)", "polars<2 (2.1.0 installed)",
                        "numpy!=2.4.* (2.4.6 installed)");
        assertThat(Requirements.missing(List.of("torch>=2"), Map.of("torch", "*"))).as("requested, not built yet").isEmpty();
    }

    @Test
    void preReleasesAndUrlsAreNotRequirementsItReads() {
        assertThat(Requirements.readable("polars>=2.0rc1")).isFalse();
        assertThat(Requirements.readable("git+https://example.com/x.git")).isFalse();
        assertThat(Requirements.readable("pandas[parquet]>=2.1")).isTrue();
    }
}
