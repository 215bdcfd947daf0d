package cn.keywork.supervision.account.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import cn.keywork.supervision.web.Accepts;

/**
 * {@code POST /api/v1/auth/token} is two methods, one per request media type; between two methods
 * of one path the framework no longer refuses an {@code Accept} neither can answer. This does,
 * with 406, before the body is read (as for every other operation).
 */
public class TokenAccept {

    @ServerRequestFilter
    public void acceptsJson(SimpleResourceInfo resource, HttpHeaders headers) {
        if (resource.getResourceClass() == AuthResource.class && "issueToken".equals(resource.getMethodName())) {
            Accepts.require(headers, MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
