package cn.keywork.supervision.security;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs CPU-heavy work (password hashing, signing) on a worker thread and continues on the caller's
 * Vert.x context, so the event loop never blocks and the reactive session stays on its thread.
 * Never call it inside a session pipeline: finish or start database work around it.
 */
public final class Offload {

    private Offload() {
    }

    public static <T> Uni<T> work(Supplier<T> work) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().item(work);
        }
        return Uni.createFrom().completionStage(() -> context.<T>executeBlocking(work::get, false).toCompletionStage());
    }
}
