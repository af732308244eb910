package io.flowfile.catalog.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(4);

    @Test
    void aHashIsBcryptOfTheCostWithARandomSalt() {
        String first = hasher.hash("correct horse");
        String second = hasher.hash("correct horse");

        assertThat(first).startsWith("$2y$04$").hasSize(60).doesNotContain("correct horse");
        assertThat(second).isNotEqualTo(first);
        assertThat(hasher.matches(first, "correct horse")).isTrue();
        assertThat(hasher.matches(second, "correct horse")).isTrue();
        assertThat(hasher.matches(first, "correct horsE")).isFalse();
        assertThat(hasher.matches(first, "")).isFalse();
    }

    @Test
    void everyCharacterOfALongPasswordCounts() {
        String prefix = "x".repeat(100);
        String hash = hasher.hash(prefix + "a");

        assertThat(hasher.matches(hash, prefix + "a")).isTrue();
        assertThat(hasher.matches(hash, prefix + "b")).isFalse();
        assertThat(hasher.matches(hash, prefix)).isFalse();
    }

    @Test
    void nonAsciiPasswordsRoundTrip() {
        String hash = hasher.hash("pässwörd-密码-🔑");

        assertThat(hasher.matches(hash, "pässwörd-密码-🔑")).isTrue();
        assertThat(hasher.matches(hash, "passwort-密码-🔑")).isFalse();
    }
}
