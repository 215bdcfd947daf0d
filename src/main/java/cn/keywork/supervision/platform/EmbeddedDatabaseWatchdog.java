package cn.keywork.supervision.platform;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * Starts the embedded PostgreSQL again when it dies under the running service (the run command has no
 * supervisor); meanwhile requests answer 503. On a worker thread: the check reads the process table and
 * a restart waits for the server. Nothing to do with an external database, whose pool reconnects by itself.
 */
@ApplicationScoped
public class EmbeddedDatabaseWatchdog {

    @Scheduled(every = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        EmbeddedDatabase.serving().ifPresent(EmbeddedDatabase::restartIfStopped);
    }
}
