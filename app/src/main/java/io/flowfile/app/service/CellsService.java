package io.flowfile.app.service;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.engine.EngineErrorCode;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.exec.FlowRun;
import io.flowfile.engine.validate.PlannedNode;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.kernel.protocol.Content;
import io.flowfile.node.NodePlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The notebook editor of a Python Script node: cells run on the node's kernel in the flow's
 * namespace with the node's inputs (computed from the draft's upstream) readable by
 * {@code flowfile.read_input()}; their output streams as the events of a run; interrupt is cancel;
 * the flow's namespace can be restarted; completion and inspection come from the kernel.
 */
@ApplicationScoped
public class CellsService {

    private static final Duration KERNEL_CALL = Duration.ofSeconds(10);

    @Inject
    DraftsService drafts;

    @Inject
    RunsService runs;

    @Inject
    KernelsService kernels;

    @Inject
    KernelOwnership kernelOwnership;

    /** A code node of a draft the user may see, on a kernel the user may see. */
    public record CodeNode(ValidatedFlow flow, PlannedNode node, String kernelId) {
    }

    public CodeNode codeNode(UserRecord user, UUID draftId, String nodeId) {
        var document = drafts.document(drafts.get(user, draftId));
        ValidatedFlow validated = drafts.validate(user.username(), document, Map.of());
        PlannedNode node = validated.node(nodeId).orElse(null);
        if (node == null) {
            var problems = validated.problems().stream().filter(problem -> nodeId.equals(problem.nodeId())).toList();
            if (problems.stream().anyMatch(problem -> problem.code() == io.flowfile.node.NodeErrorCode.KERNEL_NOT_FOUND)) {
                // not the user's kernel, or none: as good as missing (admins too)
                throw new ApiException(ServerErrorCode.KERNEL_NOT_FOUND, "node '" + nodeId + "': no such kernel among yours");
            }
            if (!problems.isEmpty()) {
                throw new FlowException(problems);
            }
            throw new ApiException(ServerErrorCode.NOT_FOUND, "no node '" + nodeId + "' in the draft");
        }
        if (!(node.plan() instanceof NodePlan.ScriptPlan script)) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "node '" + nodeId + "' is a " + node.node().type()
                    + " node: cells run in Python Script nodes");
        }
        kernelOwnership.require(user.username(), script.kernelId()); // 404 when the kernel is not the user's (admins too)
        return new CodeNode(validated, node, script.kernelId());
    }

    /** Starts a cell; its output is the returned run's events, its end says ok or the traceback. */
    public LiveRun execute(UserRecord user, UUID draftId, String nodeId, String code) {
        if (code == null) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "send {\"code\": \"...\"}");
        }
        CodeNode target = codeNode(user, draftId, nodeId);
        // the run plans only the nodes before this one; the node's own problems (an edge into a port
        // it lacks, a kernel that is not running) are refused here. Its outputs' schemas are unknown
        // until it ran: that is what a cell is for.
        var problems = target.flow().problems().stream()
                .filter(problem -> nodeId.equals(problem.nodeId()) && problem.code() != EngineErrorCode.SCHEMA_UNKNOWN).toList();
        if (!problems.isEmpty()) {
            throw new FlowException(problems);
        }
        return runs.startCell(user, draftId, target, code);
    }

    /** Forgets every variable of the flow's namespace on the node's kernel. */
    public void restartNamespace(UserRecord user, UUID draftId, String nodeId) {
        CodeNode target = codeNode(user, draftId, nodeId);
        String flowId = FlowRun.flowId(target.flow());
        var result = kernels.client(target.kernelId()).execute("import flowfile._kernel as _fk; _fk.reset_namespace("
                + pythonString(flowId) + ")", KERNEL_CALL);
        if (!result.ok()) {
            throw new ApiException(ServerErrorCode.CONFLICT, "the namespace of flow '" + target.flow().document().name()
                    + "' could not be restarted: " + result.errorName() + ": " + result.errorValue());
        }
    }

    public Content.CompleteReply complete(UserRecord user, UUID draftId, String nodeId, String code, int cursor) {
        CodeNode target = codeNode(user, draftId, nodeId);
        return kernels.client(target.kernelId()).complete(code, cursor(code, cursor), KERNEL_CALL);
    }

    public Content.InspectReply inspect(UserRecord user, UUID draftId, String nodeId, String code, int cursor) {
        CodeNode target = codeNode(user, draftId, nodeId);
        return kernels.client(target.kernelId()).inspect(code, cursor(code, cursor), KERNEL_CALL);
    }

    private static int cursor(String code, int cursor) {
        if (code == null || cursor < 0 || cursor > code.length()) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "'cursor' must be between 0 and the length of 'code'");
        }
        return cursor;
    }

    static String pythonString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
