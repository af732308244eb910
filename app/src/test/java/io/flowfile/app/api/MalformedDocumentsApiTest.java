package io.flowfile.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.app.cli.MalformedInputCorpus;
import io.flowfile.app.cli.MalformedInputCorpus.Entry;
import io.flowfile.app.cli.MalformedInputCorpusTest;
import io.flowfile.app.cli.MalformedInputCorpusTest.Verdict;
import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malformed-input corpus's flow documents sent to the server as request bodies ({@code POST
 * /api/drafts}, the import of a YAML or JSON file): a document that cannot be read is a 4xx naming
 * the fault; a readable one with problems becomes a draft whose answer names them; never a 500. The
 * corpus's byte-level entries (binary, compressed, UTF-16, Latin-1 files) and command-line options
 * have no request body form and stay with the command line's test.
 */
@QuarkusTest
class MalformedDocumentsApiTest {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @TempDir
    Path dir;

    @Test
    void everyMalformedDocumentIsAnsweredNamingTheFault() {
        Api.User user = new Api(users, tokens).user(Role.USER);
        List<Entry> entries = MalformedInputCorpus.entries(dir.resolve("data")).stream()
                .filter(entry -> entry.documentText() != null)
                .toList();
        assertThat(entries).hasSizeGreaterThan(250);
        var counts = new EnumMap<Verdict, Integer>(Verdict.class);
        var failures = new ArrayList<String>();
        for (Entry entry : entries) {
            Response response = user.request().body(Map.of("document", entry.documentText(), "format", entry.format()))
                    .post("/api/drafts");
            int status = response.statusCode();
            String said;
            Verdict verdict;
            if (status == 201) {
                // a readable document is kept as a draft, like a file opened in the designer: its problems must name the fault
                List<Map<String, Object>> problems = response.jsonPath().getList("problems");
                said = problems.toString();
                verdict = MalformedInputCorpusTest.verdict(entry, said, !problems.isEmpty());
                user.request().delete("/api/drafts/" + response.jsonPath().getString("id")).then().statusCode(204);
            } else {
                said = response.asString();
                verdict = status >= 500 ? Verdict.CRASH : MalformedInputCorpusTest.verdict(entry, said, status >= 400);
            }
            counts.merge(verdict, 1, Integer::sum);
            if (verdict != Verdict.CLEAR) {
                failures.add(verdict + "  " + entry.name() + "  (must name " + entry.mustName() + ")\n    HTTP " + status + ": "
                        + said.substring(0, Math.min(600, said.length())));
            }
        }
        String report = "malformed documents through the API: " + entries.size() + " entries: " + counts;
        System.out.println(report);
        failures.forEach(System.out::println);
        assertThat(failures).as(report).isEmpty();
    }
}
