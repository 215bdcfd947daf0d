package cn.keywork.supervision.ballot.rest;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import cn.keywork.supervision.security.PublicThrottle;
import cn.keywork.supervision.security.RequestScope;

/** Counts every request to the public evaluation results against its client address, as the other public operations are. */
public class PublicEvaluationLimit {

    private final PublicThrottle throttle;

    PublicEvaluationLimit(PublicThrottle throttle) {
        this.throttle = throttle;
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 10)
    public void limit(SimpleResourceInfo resource) {
        if (resource.getResourceClass() == PublicEvaluationResource.class) {
            throttle.take(RequestScope.clientAddress());
        }
    }
}
