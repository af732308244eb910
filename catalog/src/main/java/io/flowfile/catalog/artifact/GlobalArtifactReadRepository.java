package io.flowfile.catalog.artifact;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class GlobalArtifactReadRepository implements PanacheRepositoryBase<GlobalArtifactReadEntity, UUID> {

    /** Counts one more read where the row exists (one statement: concurrent reads lose no count); the rows changed. */
    public int readAgain(UUID versionId, String flowScope, String nodeId, String kernelId, java.time.Instant now) {
        return update("count = count + 1, lastReadAt = ?1, kernelId = ?2 where versionId = ?3 and flowScope = ?4 and nodeId = ?5",
                now, kernelId, versionId, flowScope, nodeId);
    }

    /** The reads of a node, with the versions they read and those versions' names. */
    public List<Object[]> ofNode(String flowScope, String nodeId) {
        return getEntityManager().createQuery("select r, v, a.name from GlobalArtifactReadEntity r"
                        + " join GlobalArtifactVersionEntity v on v.id = r.versionId join GlobalArtifactEntity a on a.id = v.artifactId"
                        + " where r.flowScope = :scope and r.nodeId = :node order by a.name, v.version", Object[].class)
                .setParameter("scope", flowScope).setParameter("node", nodeId).getResultList();
    }
}
