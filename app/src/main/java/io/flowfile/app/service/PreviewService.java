package io.flowfile.app.service;

import io.flowfile.app.api.ApiException;
import io.flowfile.app.api.Dtos.ColumnDto;
import io.flowfile.app.api.Dtos.PreviewDto;
import io.flowfile.app.api.ServerErrorCode;
import io.flowfile.app.config.FlowfileConfig;
import io.flowfile.catalog.api.UserRecord;
import io.flowfile.engine.FlowException;
import io.flowfile.engine.exec.ColumnStatistics;
import io.flowfile.engine.exec.Table;
import io.flowfile.engine.plan.ExecutionMode;
import io.flowfile.engine.validate.RelationId;
import io.flowfile.engine.validate.ValidatedFlow;
import io.flowfile.node.Ports;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The first rows and column statistics of any node's output port in a draft: computed in
 * development mode, so every node's result is cached and a second preview after an edit only
 * recomputes what the edit changed.
 */
@ApplicationScoped
public class PreviewService {

    @Inject
    DraftsService drafts;

    @Inject
    UserEngines engines;

    @Inject
    FlowfileConfig config;

    @Inject
    KernelOwnership kernelOwnership;

    public PreviewDto preview(UserRecord user, UUID draftId, String node, String port, Integer limit) {
        int rows = limit == null ? config.server().previewRows() : limit;
        int max = config.server().previewMaxRows();
        if (rows < 1 || rows > max) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "limit must be between 1 and " + max + ", was " + rows);
        }
        RelationId relation = relation(node, port);
        ValidatedFlow validated = validated(user, draftId, relation);
        Table table = engines.of(user.username()).preview(validated, relation, rows + 1, ExecutionMode.DEVELOPMENT, false);
        List<List<Object>> values = new ArrayList<>();
        for (List<Object> row : table.rows().subList(0, Math.min(rows, table.rows().size()))) {
            values.add(row.stream().map(JsonValues::of).toList());
        }
        return new PreviewDto(relation.node(), relation.port(), ColumnDto.of(table.schema()), values, rows, table.rows().size() > rows);
    }

    public List<ColumnStatistics> statistics(UserRecord user, UUID draftId, String node, String port) {
        RelationId relation = relation(node, port);
        return engines.of(user.username()).statistics(validated(user, draftId, relation), relation, ExecutionMode.DEVELOPMENT);
    }

    private ValidatedFlow validated(UserRecord user, UUID draftId, RelationId relation) {
        var document = drafts.document(drafts.get(user, draftId));
        ValidatedFlow validated = drafts.validate(user.username(), document, Map.of());
        kernelOwnership.require(user.username(), validated); // a 404 before any other problem
        if (!validated.valid()) {
            throw new FlowException(validated.problems());
        }
        var planned = validated.node(relation.node())
                .orElseThrow(() -> new ApiException(ServerErrorCode.NOT_FOUND, "no node '" + relation.node() + "' in the draft"));
        if (!planned.outputs().containsKey(relation.port())) {
            throw new ApiException(ServerErrorCode.NOT_FOUND, "node '" + relation.node() + "' has no output port '" + relation.port()
                    + "' (its ports: " + String.join(", ", planned.outputs().keySet().stream().sorted().toList()) + ")");
        }
        return validated;
    }

    private static RelationId relation(String node, String port) {
        if (node == null || node.isBlank()) {
            throw new ApiException(ServerErrorCode.MALFORMED_REQUEST, "'node' is missing");
        }
        return new RelationId(node, port == null || port.isBlank() ? Ports.MAIN : port);
    }
}
