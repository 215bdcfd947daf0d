package cn.keywork.supervision.evidence.service;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.evidence.domain.FileFacts;
import cn.keywork.supervision.platform.SupervisionConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Runs file inspection (hashing, type detection, EXIF, decoding, re-encoding) on a small pool of
 * its own ({@code supervision.evidence.concurrent-decodes} threads): never on the event loop, and
 * never more images decoded at once than the pool has threads; further uploads wait in its queue.
 * The result comes back on the caller's Vert.x context, outside any database session.
 */
@ApplicationScoped
public class Decoding {

    private final WorkerExecutor workers;
    private final FileInspector inspector;

    Decoding(Vertx vertx, SupervisionConfig config) {
        SupervisionConfig.Evidence evidence = config.evidence();
        this.workers = vertx.createSharedWorkerExecutor("evidence-decoding", Math.max(1, evidence.concurrentDecodes()), 2,
                TimeUnit.MINUTES);
        this.inspector = new FileInspector(evidence.maxFileSize().asLongValue(), evidence.maxPixels(), config.timeZone());
    }

    public Uni<FileFacts> inspect(Path file, String fileName, String caption) {
        return Uni.createFrom().completionStage(() -> workers
                .executeBlocking(() -> inspector.inspect(file, fileName, caption), false).toCompletionStage());
    }

    @PreDestroy
    void close() {
        workers.close();
    }
}
