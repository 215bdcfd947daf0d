package cn.keywork.supervision.opinion.rest;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import cn.keywork.supervision.security.PublicThrottle;
import cn.keywork.supervision.security.RequestScope;

/** Counts every request to the public opinions against its client address, as the other public operations are. */
public class PublicOpinionLimit {

    private final PublicThrottle throttle;

    PublicOpinionLimit(PublicThrottle throttle) {
        this.throttle = throttle;
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 10)
    public void limit(SimpleResourceInfo resource) {
        if (resource.getResourceClass() == PublicOpinionResource.class) {
            throttle.take(RequestScope.clientAddress());
        }
    }
}
