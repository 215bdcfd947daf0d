package cn.keywork.supervision.web;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Writes a {@link StreamedBody} piece by piece with back-pressure, on the request's own context. */
@Provider
public class StreamedBodyWriter implements ServerMessageBodyWriter<StreamedBody> {

    private static final Logger LOG = Logger.getLogger(StreamedBodyWriter.class);

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return StreamedBody.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return StreamedBody.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(StreamedBody body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) {
        throw new UnsupportedOperationException("A streamed body is written by the reactive server only");
    }

    @Override
    public void writeResponse(StreamedBody body, Type genericType, ServerRequestContext context) {
        ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context;
        ServerHttpResponse response = context.serverResponse();
        Context vertx = Vertx.currentContext();
        request.suspend();
        response.setResponseHeader("Content-Length", Long.toString(body.length()));
        if (body.length() == 0) {
            response.end();
            request.resume();
            return;
        }
        var pieces = vertx == null ? body.pieces() : body.pieces().emitOn(task -> vertx.runOnContext(ignored -> task.run()));
        pieces.subscribe().withSubscriber(new MultiSubscriber<byte[]>() {
            private Flow.Subscription subscription;
            private final AtomicBoolean started = new AtomicBoolean();
            private final AtomicBoolean done = new AtomicBoolean();

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                response.addCloseHandler(() -> {
                    if (done.compareAndSet(false, true)) {
                        s.cancel();
                        request.resume();
                    }
                });
                s.request(1);
            }

            @Override
            public void onItem(byte[] piece) {
                if (done.get()) {
                    return;
                }
                started.set(true);
                response.write(piece).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        onFailure(failure);
                    } else if (response.isWriteQueueFull()) {
                        response.addDrainHandler(() -> subscription.request(1));
                    } else {
                        subscription.request(1);
                    }
                });
            }

            @Override
            public void onFailure(Throwable failure) {
                if (!done.compareAndSet(false, true)) {
                    return;
                }
                subscription.cancel();
                if (started.get()) {
                    LOG.warnf("A streamed answer broke off after it had begun: %s", failure.toString());
                    response.reset();
                    request.resume();
                } else {
                    response.removeResponseHeader("Content-Length");
                    request.resume(failure);
                }
            }

            @Override
            public void onCompletion() {
                if (done.compareAndSet(false, true)) {
                    response.end();
                    request.resume();
                }
            }
        });
    }
}
