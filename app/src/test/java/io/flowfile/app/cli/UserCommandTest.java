package io.flowfile.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.app.testing.Cli;
import io.flowfile.app.testing.Cli.Outcome;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowfile user add|list|token|remove} against the application's catalog. */
@QuarkusTest
class UserCommandTest {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @TempDir
    Path dir;

    @Test
    void addListTokenAndRemoveAUser() {
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Outcome added = Cli.run(dir, "user", "add", name, "--admin");
        assertThat(added.exitCode()).as(added.err()).isZero();
        Matcher password = Pattern.compile("with password (\\S+) \\(shown once\\)").matcher(added.out());
        assertThat(password.find()).as(added.out()).isTrue();
        assertThat(users.authenticate(name, password.group(1))).hasValueSatisfying(user -> assertThat(user.role()).isEqualTo(Role.ADMIN));

        assertThat(Cli.run(dir, "user", "list").out()).contains(name).contains("admin");

        Outcome token = Cli.run(dir, "user", "token", name, "--name", "ci", "--expires-in-days", "3");
        assertThat(token.exitCode()).as(token.err()).isZero();
        assertThat(tokens.authenticate(token.out().trim())).hasValueSatisfying(user -> assertThat(user.username()).isEqualTo(name));
        assertThat(Cli.run(dir, "user", "token", name, "--expires-in-days", "0").exitCode()).isEqualTo(FlowfileCommand.INVALID);

        Outcome again = Cli.run(dir, "user", "add", name);
        assertThat(again.exitCode()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(again.err()).contains(name).doesNotContain("Exception");

        assertThat(Cli.run(dir, "user", "remove", name).exitCode()).isZero();
        assertThat(users.find(name)).isEmpty();
        assertThat(tokens.authenticate(token.out().trim())).isEmpty();
        Outcome missing = Cli.run(dir, "user", "remove", name);
        assertThat(missing.exitCode()).isEqualTo(FlowfileCommand.INVALID);
        assertThat(missing.err()).contains(name);
    }
}
