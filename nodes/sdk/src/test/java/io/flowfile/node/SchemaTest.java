package io.flowfile.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {

    @Test
    void duplicateNamesIgnoreCaseAndListEachSpellingOfARepeatOnce() {
        assertThat(Schema.duplicateNames(List.of("id", "Name", "ID", "amount", "name", "ID", "id")))
                .containsExactly("ID", "name", "id");
    }

    @Test
    void distinctNamesHaveNoDuplicates() {
        assertThat(Schema.duplicateNames(List.of("a", "b", "c"))).isEmpty();
    }
}
