package io.flowfile.catalog.flow;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class FlowVersionRepository implements PanacheRepositoryBase<FlowVersionEntity, UUID> {

    public Optional<FlowVersionEntity> find(UUID flowId, int version) {
        return find("flowId = ?1 and version = ?2", flowId, version).singleResultOptional();
    }

    /** The newest version of the flow with this content, if any. */
    public Optional<FlowVersionEntity> findByContent(UUID flowId, String contentSha256) {
        return find("flowId = ?1 and contentSha256 = ?2", Sort.descending("version"), flowId, contentSha256)
                .firstResultOptional();
    }

    /** The flow's first version (its document is not read). */
    public Optional<FlowVersionEntity> first(UUID flowId) {
        return find("flowId", Sort.ascending("version"), flowId).firstResultOptional();
    }

    public List<FlowVersionEntity> listForFlow(UUID flowId) {
        return list("flowId", Sort.ascending("version"), flowId);
    }
}
