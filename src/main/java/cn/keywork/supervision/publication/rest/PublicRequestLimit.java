package cn.keywork.supervision.publication.rest;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import cn.keywork.supervision.security.PublicThrottle;
import cn.keywork.supervision.security.RequestScope;

/** Counts every request to a public operation against its client address before anything else is done. */
public class PublicRequestLimit {

    private final PublicThrottle throttle;

    PublicRequestLimit(PublicThrottle throttle) {
        this.throttle = throttle;
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 10)
    public void limit(SimpleResourceInfo resource) {
        if (resource.getResourceClass() == PublicResource.class) {
            throttle.take(RequestScope.clientAddress());
        }
    }
}
