package io.flowfile.engine;

import io.flowfile.engine.exec.Table;
import io.flowfile.engine.plan.ExecutionPlan;
import io.flowfile.engine.plan.Stage;
import io.flowfile.engine.validate.RelationId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Previews already read, by the content key of their relation: equal keys mean equal results (see
 * {@link io.flowfile.engine.plan.CacheKeys}), so a preview of an unchanged relation needs no run.
 * Only relations whose stage is cached qualify: their rows would come from the result cache anyway.
 * Bounded by the values held (rows times columns); the least recently used previews go first.
 */
final class PreviewMemo {

    /** Values (rows times columns) all remembered previews may hold. */
    static final long CELLS = 2_000_000;

    record Key(String contentKey, int limit, boolean asText) {
    }

    private final long capacity;
    private long cells;
    private final Map<Key, Table> entries = new LinkedHashMap<>(64, 0.75f, true);

    PreviewMemo(long capacity) {
        this.capacity = capacity;
    }

    /** The key of a preview of {@code relation} under {@code plan}, when its stage's result is cached. */
    static Optional<Key> key(ExecutionPlan plan, RelationId relation, int limit, boolean asText) {
        String contentKey = plan.cacheKeys().get(relation);
        if (contentKey == null) {
            return Optional.empty();
        }
        for (Stage stage : plan.stages()) {
            if (relation.equals(stage.output())) {
                return stage.cached() && stage.kind() != Stage.Kind.SCRIPT ? Optional.of(new Key(contentKey, limit, asText)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    synchronized Optional<Table> get(Key key) {
        return Optional.ofNullable(entries.get(key));
    }

    synchronized void put(Key key, Table table) {
        long size = size(table);
        if (size > capacity / 4) {
            return;
        }
        Table previous = entries.put(key, table);
        cells += size - (previous == null ? 0 : size(previous));
        var eldest = entries.entrySet().iterator();
        while (cells > capacity && eldest.hasNext()) {
            cells -= size(eldest.next().getValue());
            eldest.remove();
        }
    }

    private static long size(Table table) {
        return (long) Math.max(1, table.rows().size()) * Math.max(1, table.schema().columns().size());
    }
}
