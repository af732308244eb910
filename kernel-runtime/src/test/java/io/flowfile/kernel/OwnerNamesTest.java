package io.flowfile.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnerNamesTest {

    @Test
    void anOwnerIsUpTo128LettersDigitsDotsUnderscoresAndDashes() {
        assertThat(OwnerNames.isValid("alice")).isTrue();
        assertThat(OwnerNames.isValid("-a.b_c")).isTrue();
        assertThat(OwnerNames.isValid("o".repeat(128))).isTrue();
    }

    @Test
    void anOwnerThatCouldLeaveItsDirectoryIsRefused() {
        assertThat(OwnerNames.isValid(null)).isFalse();
        assertThat(OwnerNames.isValid("")).isFalse();
        assertThat(OwnerNames.isValid("..")).isFalse();
        assertThat(OwnerNames.isValid(".hidden")).isFalse();
        assertThat(OwnerNames.isValid("a/b")).isFalse();
        assertThat(OwnerNames.isValid("o".repeat(129))).isFalse();
    }
}
