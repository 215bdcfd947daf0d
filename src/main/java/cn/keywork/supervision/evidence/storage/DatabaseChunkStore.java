package cn.keywork.supervision.evidence.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The default store: files in PostgreSQL, cut into chunks of 256 KiB ({@code evidence_chunk}),
 * written in the caller's transaction (so the file and its description commit together) and read
 * back one chunk per statement, each fetched only when the previous one has been sent on.
 * The uploaded file is read with Vert.x's asynchronous file API, so neither the event loop nor
 * the transaction's session ever waits on the disk.
 */
@ApplicationScoped
public class DatabaseChunkStore implements EvidenceStore {

    static final int CHUNK_SIZE = 256 * 1024;

    private final Vertx vertx;
    private final Pool pool;
    private final Clock clock;

    DatabaseChunkStore(Vertx vertx, Pool pool, Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public Uni<UUID> write(Path file, long size) {
        UUID id = UUID.randomUUID();
        int chunks = chunkCount(size);
        return Uni.createFrom()
                .completionStage(() -> vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true).setWrite(false)
                        .setCreate(false)).toCompletionStage())
                .chain(source -> insertBlob(id, size)
                        .chain(() -> Multi.createFrom().range(0, chunks)
                                .onItem().transformToUniAndConcatenate(chunk -> read(source, chunk, size)
                                        .chain(bytes -> insertChunk(id, chunk, bytes)))
                                .collect().last())
                        .eventually(() -> Uni.createFrom().completionStage(() -> source.close().toCompletionStage())))
                .replaceWith(id);
    }

    @Override
    public Uni<UUID> write(byte[] bytes) {
        UUID id = UUID.randomUUID();
        int chunks = chunkCount(bytes.length);
        return insertBlob(id, bytes.length)
                .chain(() -> Multi.createFrom().range(0, chunks)
                        .onItem().transformToUniAndConcatenate(chunk -> {
                            int from = chunk * CHUNK_SIZE;
                            int to = Math.min(bytes.length, from + CHUNK_SIZE);
                            return insertChunk(id, chunk, java.util.Arrays.copyOfRange(bytes, from, to));
                        })
                        .collect().last())
                .replaceWith(id);
    }

    @Override
    public Multi<byte[]> read(UUID id, long offset, long length) {
        if (length <= 0) {
            return Multi.createFrom().empty();
        }
        long end = offset + length; // exclusive
        int first = (int) (offset / CHUNK_SIZE);
        int last = (int) ((end - 1) / CHUNK_SIZE);
        return Multi.createFrom().range(first, last + 1)
                .onItem().transformToUniAndConcatenate(chunk -> {
                    long chunkStart = (long) chunk * CHUNK_SIZE;
                    int from = (int) (Math.max(offset, chunkStart) - chunkStart);
                    int to = (int) (Math.min(end, chunkStart + CHUNK_SIZE) - chunkStart);
                    return pool.preparedQuery("SELECT substring(data FROM $3 FOR $4) AS part FROM evidence_chunk "
                            + "WHERE blob_id = $1 AND chunk_no = $2")
                            .execute(Tuple.of(id, chunk, from + 1, to - from))
                            .map(rows -> {
                                if (rows.size() != 1) {
                                    throw new IllegalStateException("Chunk " + chunk + " of file " + id + " is missing");
                                }
                                return rows.iterator().next().getBuffer("part").getBytes();
                            });
                });
    }

    @Override
    public Uni<Void> delete(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery("DELETE FROM evidence_blob WHERE id = ?1")
                .setParameter(1, id).executeUpdate()).replaceWithVoid();
    }

    private static int chunkCount(long size) {
        return (int) ((size + CHUNK_SIZE - 1) / CHUNK_SIZE);
    }

    private static Uni<byte[]> read(AsyncFile source, int chunk, long size) {
        long position = (long) chunk * CHUNK_SIZE;
        int length = (int) Math.min(CHUNK_SIZE, size - position);
        return Uni.createFrom().completionStage(() -> source.read(Buffer.buffer(length), 0, position, length).toCompletionStage())
                .map(buffer -> {
                    if (buffer.length() != length) {
                        throw new IllegalStateException("The uploaded file ended early");
                    }
                    return buffer.getBytes();
                });
    }

    private Uni<Void> insertBlob(UUID id, long size) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO evidence_blob (id, size, chunk_size, created_at) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, id)
                .setParameter(2, size)
                .setParameter(3, CHUNK_SIZE)
                .setParameter(4, clock.instant().atOffset(ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    private static Uni<Void> insertChunk(UUID id, int chunk, byte[] bytes) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO evidence_chunk (blob_id, chunk_no, data) VALUES (?1, ?2, ?3)")
                .setParameter(1, id)
                .setParameter(2, chunk)
                .setParameter(3, bytes)
                .executeUpdate()).replaceWithVoid();
    }
}
