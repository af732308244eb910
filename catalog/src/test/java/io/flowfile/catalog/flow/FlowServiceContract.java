package io.flowfile.catalog.flow;

import static io.flowfile.catalog.testing.CatalogAssertions.assertCatalogError;
import static io.flowfile.catalog.testing.CatalogAssertions.assertInvalidArguments;
import static io.flowfile.catalog.testing.CatalogAssertions.inParallel;
import static io.flowfile.catalog.testing.CatalogAssertions.unique;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.catalog.CatalogErrorCode;
import io.flowfile.catalog.api.FlowDocument;
import io.flowfile.catalog.api.FlowRecord;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.internal.Sha256;
import io.flowfile.catalog.internal.Times;
import io.flowfile.catalog.run.RunService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** FlowService against a real database; H2 and PostgreSQL subclasses run it. */
public abstract class FlowServiceContract {

    @Inject
    FlowService flows;

    @Inject
    RunService runs;

    @Inject
    FlowRepository flowRows;

    static byte[] document(String text) {
        return ("{\"nodes\": [], \"note\": \"" + text + "\"}").getBytes(UTF_8);
    }

    @Test
    void aVersionIsFoundByItsExactContent() {
        String name = unique("by content");
        FlowVersionRecord one = flows.register(name, null, document("a"), "json");
        FlowVersionRecord two = flows.register(name, null, document("b"), "json");

        assertThat(flows.findVersion(name, document("a"))).contains(one);
        assertThat(flows.findVersion(name, document("b"))).contains(two);
        assertThat(flows.findVersion(name, document("c"))).isEmpty();
        assertThat(flows.findVersion(unique("never registered"), document("a"))).isEmpty();
    }

    @Test
    void firstRegistrationMakesVersionOne() {
        String name = unique("sales report");
        byte[] content = document("a");

        FlowVersionRecord version = flows.register(name, "monthly sales", content, "JSON");

        assertThat(version.name()).isEqualTo(name);
        assertThat(version.version()).isEqualTo(1);
        assertThat(version.contentSha256()).isEqualTo(Sha256.of(content)).hasSize(64);
        assertThat(version.format()).isEqualTo("json");
        assertThat(version.sizeBytes()).isEqualTo(content.length);
        assertThat(flows.get(name).latest()).isEqualTo(version);
        assertThat(flows.get(name).description()).isEqualTo("monthly sales");
    }

    static UserRecord user(String name, Role role) {
        return new UserRecord(UUID.randomUUID(), name, role, Times.now());
    }

    @Test
    void aVersionNamesTheUserWhoRegisteredIt() {
        String name = unique("who registered");
        UserRecord alice = user("alice", Role.USER);
        FlowVersionRecord one = flows.register(name, null, document("a"), "json", alice);
        FlowVersionRecord again = flows.register(name, null, document("a"), "json", user("admin", Role.ADMIN));
        FlowVersionRecord two = flows.register(name, null, document("b"), "json");

        assertThat(one.createdBy()).isEqualTo("alice");
        assertThat(again).isEqualTo(one); // unchanged content: still alice's version
        assertThat(two.createdBy()).isNull();
        assertThat(flows.versions(name)).extracting(FlowVersionRecord::createdBy).containsExactly("alice", null);
        assertThat(flows.version(one.id()).createdBy()).isEqualTo("alice");
        assertCatalogError(() -> flows.register(name, null, document("c"), "json", user("not a user", Role.ADMIN)), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("user who registered flow '" + name + "' must be");
        assertThat(flows.versions(name)).hasSize(2);
    }

    @Test
    void onlyTheOwnerOrAnAdminAddsVersions() {
        String name = unique("owned");
        UserRecord alice = user("alice", Role.USER);
        UserRecord bob = user("bob", Role.USER);
        flows.register(name, "alice's", document("a"), "json", alice);

        assertCatalogError(() -> flows.register(name, "bob's", document("evil"), "json", bob), CatalogErrorCode.FLOW_NOT_OWNED)
                .hasMessageContaining("flow '" + name + "' is alice's").hasMessageContaining("only its owner or an admin");
        assertCatalogError(() -> flows.register(name, null, document("a"), "json", bob), CatalogErrorCode.FLOW_NOT_OWNED);
        assertThat(flows.versions(name)).extracting(FlowVersionRecord::version).containsExactly(1);
        assertThat(flows.get(name).description()).isEqualTo("alice's");

        assertThat(flows.register(name, null, document("b"), "json", alice).version()).isEqualTo(2);
        assertThat(flows.register(name, null, document("c"), "json", user("root", Role.ADMIN)).createdBy()).isEqualTo("root");
        assertThat(flows.register(name, null, document("d"), "json").version()).isEqualTo(4); // the operator, from the command line
        assertThat(flows.versions(name)).extracting(FlowVersionRecord::createdBy).containsExactly("alice", "alice", "root", null);

        String fromCommandLine = unique("from the command line");
        flows.register(fromCommandLine, null, document("a"), "json");
        assertCatalogError(() -> flows.register(fromCommandLine, null, document("b"), "json", alice), CatalogErrorCode.FLOW_NOT_OWNED)
                .hasMessageContaining("registered from the command line: only an admin");
        assertThat(flows.register(fromCommandLine, null, document("b"), "json", user("root", Role.ADMIN)).version()).isEqualTo(2);
    }

    @Test
    void unchangedContentReturnsTheLatestVersion() {
        String name = unique("unchanged");
        FlowVersionRecord first = flows.register(name, null, document("a"), "json");

        FlowVersionRecord again = flows.register(name, null, document("a"), "json");

        assertThat(again).isEqualTo(first);
        assertThat(flows.versions(name)).containsExactly(first);
    }

    @Test
    void changedContentMakesTheNextVersion() {
        String name = unique("changing");
        FlowVersionRecord one = flows.register(name, null, document("a"), "json");
        FlowVersionRecord two = flows.register(name, null, document("b"), "yaml");
        FlowVersionRecord three = flows.register(name, null, document("c"), "json");
        // only the latest version is compared: going back to version 1's content is a new version
        FlowVersionRecord four = flows.register(name, null, document("a"), "json");

        assertThat(List.of(one, two, three, four)).extracting(FlowVersionRecord::version).containsExactly(1, 2, 3, 4);
        assertThat(four.contentSha256()).isEqualTo(one.contentSha256());
        assertThat(four.id()).isNotEqualTo(one.id());
        assertThat(two.format()).isEqualTo("yaml");
        assertThat(flows.versions(name)).containsExactly(one, two, three, four);
        assertThat(flows.get(name).latest()).isEqualTo(four);
        assertThat(flows.version(name, 2)).isEqualTo(two);
        assertThat(flows.version(two.id())).isEqualTo(two);
        assertThat(flows.findVersion(two.flowId(), 2)).contains(two);
        assertThat(flows.findVersion(two.flowId(), 9)).isEmpty();
    }

    @Test
    void documentsComeBackByteForByte() {
        String name = unique("documents");
        flows.register(name, null, document("a"), "json");
        FlowVersionRecord two = flows.register(name, null, document("b"), "json");

        FlowDocument byName = flows.document(name, 1);
        FlowDocument byId = flows.document(two.id());

        assertThat(byName.content()).isEqualTo(document("a"));
        assertThat(byName.version().version()).isEqualTo(1);
        assertThat(byId.content()).isEqualTo(document("b"));
        assertThat(byId.version()).isEqualTo(two);
    }

    @Test
    void aNewDescriptionIsKeptWithoutANewVersion() {
        String name = unique("described");
        FlowVersionRecord one = flows.register(name, "first", document("a"), "json");

        FlowVersionRecord again = flows.register(name, "second", document("a"), "json");
        flows.register(name, null, document("a"), "json");

        assertThat(again).isEqualTo(one);
        FlowRecord flow = flows.get(name);
        assertThat(flow.description()).isEqualTo("second");
        assertThat(flow.updatedAt()).isAfter(one.createdAt());
    }

    @Test
    void listShowsEveryFlowWithItsLatestVersion() {
        String first = unique("list a");
        String second = unique("list b");
        flows.register(first, null, document("a"), "json");
        FlowVersionRecord firstLatest = flows.register(first, null, document("b"), "json");
        FlowVersionRecord secondLatest = flows.register(second, null, document("a"), "json");

        List<FlowRecord> listed = flows.list();

        assertThat(listed).extracting(FlowRecord::name).contains(first, second).isSorted();
        assertThat(listed).filteredOn(flow -> flow.name().equals(first)).singleElement()
                .extracting(FlowRecord::latest).isEqualTo(firstLatest);
        assertThat(listed).filteredOn(flow -> flow.name().equals(second)).singleElement()
                .extracting(FlowRecord::latest).isEqualTo(secondLatest);
    }

    @Test
    void namesFollowTheRules() {
        String unicode = unique("Umsätze 2024_v1.final");
        assertThat(flows.register(unicode, null, document("a"), "json").name()).isEqualTo(unicode);

        for (String bad : List.of("", " leading", "trailing ", "a/b", "semi;colon", "x".repeat(129))) {
            assertCatalogError(() -> flows.register(bad, null, document("a"), "json"), CatalogErrorCode.INVALID_ARGUMENT)
                    .hasMessageContaining("flow name must be 1-128 letters, digits, spaces");
        }
        assertCatalogError(() -> flows.register(null, null, document("a"), "json"), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("was nothing");
        assertCatalogError(() -> flows.register("ok", null, document("a"), "j.s"), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("format of flow 'ok'");
        assertCatalogError(() -> flows.register("ok", null, null, "json"), CatalogErrorCode.INVALID_ARGUMENT)
                .hasMessageContaining("document of flow 'ok' is missing");
        assertCatalogError(() -> flows.register("ok", null, new byte[FlowService.MAX_DOCUMENT_BYTES + 1], "json"),
                CatalogErrorCode.INVALID_ARGUMENT).hasMessageContaining("document of flow 'ok' has 16777217 bytes");
    }

    @Test
    void unknownFlowsAndVersionsAreNamedInTheError() {
        String name = unique("known");
        FlowVersionRecord one = flows.register(name, null, document("a"), "json");

        assertCatalogError(() -> flows.get("no such flow"), CatalogErrorCode.FLOW_NOT_FOUND)
                .hasMessage("no flow named 'no such flow' is registered: register the flow in the catalog");
        assertThat(flows.find("no such flow")).isEmpty();
        assertCatalogError(() -> flows.versions("no such flow"), CatalogErrorCode.FLOW_NOT_FOUND);
        assertCatalogError(() -> flows.version(name, 7), CatalogErrorCode.FLOW_VERSION_NOT_FOUND)
                .hasMessageContaining("flow '" + name + "' has no version 7; its versions are 1 to 1");
        assertCatalogError(() -> flows.document(name, 0), CatalogErrorCode.FLOW_VERSION_NOT_FOUND);
        assertCatalogError(() -> flows.version(one.flowId()), CatalogErrorCode.FLOW_VERSION_NOT_FOUND)
                .hasMessageContaining("no registered flow version has id " + one.flowId());
        assertCatalogError(() -> flows.delete("no such flow"), CatalogErrorCode.FLOW_NOT_FOUND);
    }

    @Test
    void deleteRemovesTheFlowAndItsVersions() {
        String name = unique("doomed");
        FlowVersionRecord one = flows.register(name, null, document("a"), "json");
        flows.register(name, null, document("b"), "json");

        flows.delete(name);

        assertThat(flows.find(name)).isEmpty();
        assertCatalogError(() -> flows.version(one.id()), CatalogErrorCode.FLOW_VERSION_NOT_FOUND);
        assertThat(flows.list()).extracting(FlowRecord::name).doesNotContain(name);
        // the name is free again, and starts over at version 1
        assertThat(flows.register(name, null, document("c"), "json").version()).isEqualTo(1);
    }

    @Test
    void deleteIsRefusedWhileTheFlowHasRuns() {
        String name = unique("with runs");
        FlowVersionRecord one = flows.register(name, null, document("a"), "json");
        runs.start(one.id(), RunTrigger.MANUAL, Map.of());
        runs.start(one.id(), RunTrigger.CLI, Map.of());

        assertCatalogError(() -> flows.delete(name), CatalogErrorCode.FLOW_HAS_RUNS)
                .hasMessageContaining("flow '" + name + "' has 2 run(s)");
        assertThat(flows.get(name).latest()).isEqualTo(one);

        assertThat(runs.deleteForFlow(name)).isEqualTo(2);
        flows.delete(name);
        assertThat(flows.find(name)).isEmpty();
    }

    @Test
    void concurrentRegistrationsOfANewFlowGetDistinctVersions() throws Exception {
        String name = unique("concurrent");
        int threads = 4;
        int each = 5;

        List<Integer> all = inParallel(threads, thread -> {
            List<Integer> versions = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                versions.add(flows.register(name, null, document(thread + "-" + i), "json").version());
            }
            return versions;
        });

        assertThat(all).doesNotHaveDuplicates().hasSize(threads * each);
        assertThat(flows.versions(name)).extracting(FlowVersionRecord::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, threads * each).boxed().toList());
    }

    @Test
    void aFlowRowWithoutVersionsIsNotShown() {
        // what a first registration that failed after creating the flow's row leaves behind
        String name = unique("empty");
        QuarkusTransaction.requiringNew().run(() -> flowRows.persist(new FlowEntity(name, "never registered", Times.now())));

        assertThat(flows.find(name)).isEmpty();
        assertThat(flows.list()).extracting(FlowRecord::name).doesNotContain(name);
        assertCatalogError(() -> flows.versions(name), CatalogErrorCode.FLOW_NOT_FOUND);
        assertCatalogError(() -> flows.version(name, 1), CatalogErrorCode.FLOW_NOT_FOUND);
        assertCatalogError(() -> flows.delete(name), CatalogErrorCode.FLOW_NOT_FOUND);
        assertCatalogError(() -> runs.listForFlow(name, 5), CatalogErrorCode.FLOW_NOT_FOUND);

        FlowVersionRecord one = flows.register(name, null, document("a"), "json");
        assertThat(one.version()).isEqualTo(1);
        assertThat(flows.get(name).description()).isEqualTo("never registered");
    }


    @Test
    void nullArgumentsAreInvalidArguments() {
        String name = unique("nulls");
        FlowVersionRecord one = flows.register(name, null, "{}".getBytes(UTF_8), "json");

        assertInvalidArguments(() -> flows.get(null), () -> flows.find((String) null), () -> flows.find((UUID) null),
                () -> flows.name(null), () -> flows.versions(null), () -> flows.version(null, 1), () -> flows.version((UUID) null),
                () -> flows.findVersion((UUID) null, 1), () -> flows.findVersion(name, null), () -> flows.document(null, 1),
                () -> flows.document((UUID) null), () -> flows.delete(null), () -> flows.register(name, null, null, "json"));
        assertThat(flows.get(name).latest()).isEqualTo(one);
    }
}
