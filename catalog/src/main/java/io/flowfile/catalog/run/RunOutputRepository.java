package io.flowfile.catalog.run;

import io.flowfile.catalog.blob.BlobReferences;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RunOutputRepository implements PanacheRepositoryBase<RunOutputEntity, UUID>, BlobReferences {

    /** In display order; a display's representations in the order they were sent. */
    public List<RunOutputEntity> listForRun(UUID runId) {
        return list("runId", Sort.ascending("seq").and("part"), runId);
    }

    public int lastSeq(UUID runId) {
        Integer last = getEntityManager().createQuery("select max(o.seq) from RunOutputEntity o where o.runId = ?1", Integer.class)
                .setParameter(1, runId).getSingleResult();
        return last == null ? 0 : last;
    }

    @Override
    public List<String> referencedSha256s() {
        return getEntityManager().createQuery("select distinct o.blobSha256 from RunOutputEntity o where o.blobSha256 is not null",
                String.class).getResultList();
    }
}
