package cn.keywork.supervision.audit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * At start, before anything else is audited: the audit keys are read (or generated) here, off the
 * event loop, and a trail of older, unkeyed events gets its "chain keyed" event, from which every
 * event is keyed.
 */
@ApplicationScoped
class AuditChainStart {

    void onStart(@Observes @Priority(50) StartupEvent start, AuditKeys keys, AuditTrail trail) throws Throwable {
        keys.checkpointKeyId();
        VertxContextSupport.subscribeAndAwait(trail::keyChain);
    }
}
