package cn.keywork.supervision.briefing.rest;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import cn.keywork.supervision.security.PublicThrottle;
import cn.keywork.supervision.security.RequestScope;

/** Counts every request to the public briefings against its client address, as the other public operations are. */
public class PublicBriefingLimit {

    private final PublicThrottle throttle;

    PublicBriefingLimit(PublicThrottle throttle) {
        this.throttle = throttle;
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION - 10)
    public void limit(SimpleResourceInfo resource) {
        if (resource.getResourceClass() == PublicBriefingResource.class) {
            throttle.take(RequestScope.clientAddress());
        }
    }
}
