package io.flowfile.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowfile.app.kernel.KernelAreaFiles;
import io.flowfile.catalog.api.ArtifactFormat;
import io.flowfile.catalog.api.FlowArtifactRecord;
import io.flowfile.catalog.api.FlowArtifactSpec;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.KernelSpec;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.artifact.FlowArtifactService;
import io.flowfile.catalog.artifact.GlobalArtifactService;
import io.flowfile.catalog.flow.FlowService;
import io.flowfile.catalog.kernel.KernelCatalog;
import io.flowfile.catalog.run.RunService;
import io.flowfile.kernel.docker.SafeDirectory;
import io.flowfile.node.KernelGateway.ExchangeArea;
import io.flowfile.node.KernelGateway.ScriptCall;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the engine answers to kernel requests that are malformed, forged or not allowed. */
@QuarkusTest
class EngineRequestsTest {

    @Inject
    Catalog catalog;

    @Inject
    FlowService flows;

    @Inject
    RunService runs;

    @Inject
    GlobalArtifactService globals;

    @Inject
    FlowArtifactService flowArtifacts;

    @Inject
    KernelCatalog kernels;

    @TempDir
    Path exchange;

    private RunRecord run;

    @BeforeEach
    void registeredRun() {
        String name = "requests-" + System.nanoTime();
        FlowVersionRecord version = flows.register(name, null, ("name: " + name).getBytes(StandardCharsets.UTF_8), "yaml");
        run = runs.start(version.id(), RunTrigger.CLI, Map.of());
    }

    /** The node's area as the product opens it: relative to the opened directory, no link followed. */
    private ExchangeArea area(String runId) {
        try {
            SafeDirectory opened = SafeDirectory.open(exchange, exchange.resolveSibling(exchange.getFileName() + ".staging"), directory -> { });
            return new ExchangeArea(exchange, "/exchange/x", new KernelAreaFiles(opened, "alice", runId, "node"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private EngineRequests requests(String runId) {
        var call = new ScriptCall("k1", "flow", runId, "node", List.of(), Map.of(), List.of("main"), area(runId), false);
        return new EngineRequests(java.util.Optional.of(catalog), call);
    }

    private static Map<String, Object> request(String action, Object... fields) {
        var data = new HashMap<String, Object>();
        data.put("protocol", EngineRequests.PROTOCOL);
        data.put("request_id", "r-" + System.nanoTime());
        data.put("action", action);
        for (int i = 0; i < fields.length; i += 2) {
            data.put((String) fields[i], fields[i + 1]);
        }
        return data;
    }

    private Map<String, Object> publish(EngineRequests requests, String relativePath) throws Exception {
        return requests.handle(request("publish_global", "name", "m", "format", "pickle", "python_type", "builtins.int",
                "size", 3, "relative_path", relativePath, "tags", List.of())).orElseThrow();
    }

    private EngineRequests requestsOnAKernelOf(String owner) {
        var call = new ScriptCall("k1", "flow", run.id().toString(), "node", List.of(), Map.of(), List.of("main"),
                area(run.id().toString()), false);
        return new EngineRequests(java.util.Optional.of(catalog), call, java.util.Optional.ofNullable(owner),
                java.util.concurrent.ConcurrentHashMap.newKeySet());
    }

    @Test
    void aKernelGetsItsOwnersSecretsOnlyAndWhatTheNodePrintsHidesThem() throws Exception {
        var owner = catalog.users().create("secret-owner-" + System.nanoTime(), "correct horse battery", io.flowfile.catalog.api.Role.USER);
        var other = catalog.users().create("secret-other-" + System.nanoTime(), "correct horse battery", io.flowfile.catalog.api.Role.USER);
        catalog.secrets().put(owner.id(), "db-password", "hunter2-long");
        catalog.secrets().put(other.id(), "theirs", "not-for-you");

        EngineRequests owners = requestsOnAKernelOf(owner.username());
        Map<String, Object> data = request("get_secret", "name", "db-password");
        assertThat(owners.handle(data).orElseThrow()).containsEntry("ok", true).containsEntry("value", "hunter2-long");
        assertThat(Files.readString(exchange.resolve("replies").resolve(data.get("request_id") + ".json"))).contains("hunter2-long");
        assertThat(owners.mask("connecting with hunter2-long now")).isEqualTo("connecting with ********** now");
        assertThat(owners.mask(Map.<String, Object>of("text/plain", "'hunter2-long'", "image/png", "AAAA")))
                .containsEntry("text/plain", "'**********'").containsEntry("image/png", "AAAA");

        assertThat(owners.handle(request("get_secret", "name", "theirs")).orElseThrow().get("error").toString())
                .contains("no secret named 'theirs'");
        assertThat(requestsOnAKernelOf("nobody-" + System.nanoTime()).handle(request("get_secret", "name", "db-password")).orElseThrow()
                .get("error").toString()).contains("who is no user of this server");
        assertThat(requests(run.id().toString()).handle(request("get_secret", "name", "db-password")).orElseThrow().get("error").toString())
                .contains("has no owner");
        assertThat(owners.handle(request("get_secret", "name", "../x")).orElseThrow().get("error").toString())
                .contains("name of a secret must be");
        assertThat(requests(run.id().toString()).mask("hunter2-long")).isEqualTo("hunter2-long"); // it asked for nothing
    }

    @Test
    void codeOnAKernelOfANonAdminCannotDeleteAGlobalArtifactAsTheRestApiLetsOnlyAdmins() throws Exception {
        var user = catalog.users().create("deleter-" + System.nanoTime(), "correct horse battery", io.flowfile.catalog.api.Role.USER);
        var admin = catalog.users().create("deleter-admin-" + System.nanoTime(), "correct horse battery", io.flowfile.catalog.api.Role.ADMIN);
        String name = "kept-" + System.nanoTime();
        Files.writeString(exchange.resolve("staged.pkl"), "abc");
        assertThat(requestsOnAKernelOf(user.username()).handle(request("publish_global", "name", name, "format", "pickle",
                "python_type", "builtins.int", "size", 3, "relative_path", "staged.pkl"))).hasValueSatisfying(
                answer -> assertThat(answer).containsEntry("ok", true));

        Map<String, Object> refused = requestsOnAKernelOf(user.username()).handle(request("delete_global", "name", name)).orElseThrow();

        assertThat(refused).containsEntry("ok", false);
        assertThat(refused.get("error").toString()).contains("only admins delete global artifacts", user.username());
        assertThat(globals.versions(name)).hasSize(1);
        assertThat(requests(run.id().toString()).handle(request("delete_global", "name", name)).orElseThrow())
                .containsEntry("ok", false); // a kernel of no one's is no admin's either
        assertThat(globals.versions(name)).hasSize(1);

        assertThat(requestsOnAKernelOf(admin.username()).handle(request("delete_global", "name", name)).orElseThrow())
                .containsEntry("ok", true);
        assertThat(globals.list(Set.of())).extracting(record -> record.name()).doesNotContain(name);
    }

    @Test
    void aStagedFileOutsideTheExchangeDirectoryIsRefused() throws Exception {
        Path outside = Files.writeString(exchange.getParent().resolve("secret-" + System.nanoTime()), "abc");
        Map<String, Object> answer = publish(requests(run.id().toString()), "../" + outside.getFileName());
        assertThat(answer).containsEntry("ok", false);
        assertThat((String) answer.get("error")).contains("is not inside the node's exchange directory");
        assertThat(publish(requests(run.id().toString()), outside.toString()).get("error").toString())
                .contains("is not inside the node's exchange directory");
        assertThat(globals.list(Set.of())).extracting(record -> record.name()).doesNotContain("m");
    }

    @Test
    void theAnswerIsAFileNamedByTheRequest() throws Exception {
        Files.writeString(exchange.resolve("staged.pkl"), "abc");
        Map<String, Object> data = request("publish_global", "name", "m2", "format", "pickle", "python_type", "builtins.int",
                "size", 3, "relative_path", "staged.pkl");
        Map<String, Object> answer = requests(run.id().toString()).handle(data).orElseThrow();
        assertThat(answer).containsEntry("ok", true).containsKey("id");
        assertThat(Files.readString(exchange.resolve("replies").resolve(data.get("request_id") + ".json")))
                .contains("\"ok\":true", answer.get("id").toString());
    }

    @Test
    void aRunTheCatalogDoesNotKnowCannotPublish() throws Exception {
        Files.writeString(exchange.resolve("staged.pkl"), "abc");
        Map<String, Object> answer = publish(requests("0b6f6a4e-0000-4000-8000-000000000000"), "staged.pkl");
        assertThat(answer.get("error").toString()).contains("publish_global needs a run of a registered flow");
    }

    @Test
    void malformedFieldsAreNamedInTheAnswer() throws Exception {
        EngineRequests requests = requests(run.id().toString());
        assertThat(requests.handle(request("get_global", "name", "m", "version", "two")).orElseThrow().get("error").toString())
                .contains("'version' must be a positive integer");
        assertThat(requests.handle(request("list_global", "tags", "not-a-list")).orElseThrow().get("error").toString())
                .contains("'tags' must be a list of strings");
        assertThat(requests.handle(request("get_global", "name", "")).orElseThrow().get("error").toString())
                .contains("'name' must be a non-empty string");
        assertThat(requests.handle(request("get_global", "name", "never-published")).orElseThrow()).containsEntry("ok", false);
        Files.writeString(exchange.resolve("staged.pkl"), "abc");
        assertThat(requests.handle(request("publish_global", "name", "m", "format", "pickle", "python_type", "builtins.int",
                "size", 3, "relative_path", "staged.pkl", "description", 7)).orElseThrow().get("error").toString())
                .contains("'description' must be a string or null");
    }

    @Test
    void aRequestIdThatCouldEscapeTheRepliesDirectoryOrAnUnknownActionGetsNoFile() throws Exception {
        EngineRequests requests = requests(run.id().toString());
        Map<String, Object> escaping = request("list_global");
        escaping.put("request_id", "../../escaped");
        assertThat(requests.handle(escaping)).isEmpty();
        assertThat(requests.handle(request("format_disk"))).isEmpty();
        Map<String, Object> otherProtocol = request("list_global");
        otherProtocol.put("protocol", "something.else");
        assertThat(requests.handle(otherProtocol)).isEmpty();
        assertThat(exchange.getParent().resolve("escaped.json")).doesNotExist();
        assertThat(exchange.resolve("replies")).doesNotExist();
    }

    private Map<String, Object> artifactEvent(String flowId, String nodeId, Object size, String sha256) {
        var artifact = new HashMap<String, Object>();
        artifact.put("name", "model");
        artifact.put("flow_id", flowId);
        artifact.put("node_id", nodeId);
        artifact.put("run_id", run.id().toString());
        artifact.put("python_type", "sklearn.linear_model.LinearRegression");
        artifact.put("format", "joblib");
        artifact.put("size", size);
        artifact.put("sha256", sha256);
        return request("artifact_published", "flow_id", flowId, "run_id", run.id().toString(), "kernel_id", "k1", "artifact", artifact);
    }

    @Test
    void artifactEventsOfTheNodeAreRecordedForItsFlowAndKernel() throws Exception {
        kernels.save(new KernelSpec("k1", null, null, null, 1, 1, 0, null, null, null));
        flowArtifacts.deleteAll("flow");
        EngineRequests requests = requests(run.id().toString());

        assertThat(requests.handle(artifactEvent("flow", "node", 1234, "a".repeat(64)))).isEmpty(); // an event: no answer
        FlowArtifactRecord recorded = flowArtifacts.get("flow", "k1", "model");
        assertThat(recorded.spec()).isEqualTo(new FlowArtifactSpec("flow", "k1", "model", "node", "sklearn.linear_model.LinearRegression",
                ArtifactFormat.JOBLIB, 1234, "a".repeat(64)));
        assertThat(exchange.resolve("replies")).doesNotExist();

        requests.handle(request("artifact_deleted", "flow_id", "flow", "run_id", run.id().toString(), "kernel_id", "k1", "name", "model",
                "node_id", "node"));
        assertThat(flowArtifacts.list("flow", "k1")).isEmpty();
        // deleting what the catalog never heard of (published before it existed) is not an error
        requests.handle(request("artifact_deleted", "flow_id", "flow", "run_id", run.id().toString(), "kernel_id", "k1", "name", "model",
                "node_id", "node"));
    }

    @Test
    void aForgedOrMalformedArtifactEventIsRefusedNamingWhatIsWrongAndRecordsNothing() {
        kernels.save(new KernelSpec("k1", null, null, null, 1, 1, 0, null, null, null));
        flowArtifacts.deleteAll("flow");
        flowArtifacts.deleteAll("someone-elses-flow");
        EngineRequests requests = requests(run.id().toString());

        assertThatThrownBy(() -> requests.handle(artifactEvent("someone-elses-flow", "node", 1, "a".repeat(64))))
                .hasMessageContaining("'flow_id' is someone-elses-flow, but the engine ran this cell as flow");
        assertThatThrownBy(() -> requests.handle(artifactEvent("flow", "other-node", 1, "a".repeat(64))))
                .hasMessageContaining("'artifact.node_id' is other-node");
        assertThatThrownBy(() -> requests.handle(artifactEvent("flow", "node", "big", "a".repeat(64))))
                .hasMessageContaining("'artifact.size' must be a number");
        assertThatThrownBy(() -> requests.handle(artifactEvent("flow", "node", 1, "not-a-hash")))
                .hasMessageContaining("sha256");
        Map<String, Object> noArtifact = artifactEvent("flow", "node", 1, "a".repeat(64));
        noArtifact.put("artifact", "model");
        assertThatThrownBy(() -> requests.handle(noArtifact)).hasMessageContaining("'artifact' must be an object");
        assertThat(flowArtifacts.list("flow")).isEmpty();
        assertThat(flowArtifacts.list("someone-elses-flow")).isEmpty();
    }

    @Test
    void linksTheKernelPlantedInTheExchangeDirectoryAreNeitherReadNorWrittenThrough() throws Exception {
        Path outside = Files.createTempDirectory("host-files");
        Path secret = Files.writeString(outside.resolve("secret"), "abc");
        Files.createSymbolicLink(exchange.resolve("staged.pkl"), secret);
        Map<String, Object> answer = publish(requests(run.id().toString()), "staged.pkl");
        assertThat(answer).containsEntry("ok", false);
        assertThat(answer.get("error").toString()).contains("'staged.pkl' is not a plain file inside the node's exchange directory");
        Files.delete(exchange.resolve("staged.pkl"));
        Files.createSymbolicLink(exchange.resolve("linked"), outside);
        assertThat(publish(requests(run.id().toString()), "linked/secret").get("error").toString())
                .contains("'linked/secret' is not a plain file inside the node's exchange directory");

        try (var answered = Files.list(exchange.resolve("replies"))) { // the answers above
            for (Path file : answered.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(exchange.resolve("replies"));
        Files.createSymbolicLink(exchange.resolve("replies"), outside);
        assertThatThrownBy(() -> requests(run.id().toString()).handle(request("list_global")))
                .hasMessageContaining("replies").hasMessageContaining("without following a link");
        try (var written = Files.list(outside)) {
            assertThat(written).containsExactly(secret); // nothing written through the link
        }
    }
}
