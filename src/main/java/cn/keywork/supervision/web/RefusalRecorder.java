package cn.keywork.supervision.web;

import io.smallrye.mutiny.Uni;

/** Told of every 401 and 403 the service answers, so that each one is kept in the audit trail. */
public interface RefusalRecorder {

    Uni<Void> refused(ProblemType type, String method, String path, String detail);
}
