package cn.keywork.supervision.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the service. */
@QuarkusMain
public class Main {

    /** Read by the HTTP layer once, when it starts: see {@code web.FallbackRoutes}. */
    public static final String URI_VALIDATION_OFF = "vertx.disableURIValidation";

    public static void main(String... args) {
        // The service checks request addresses itself and answers a malformed one with a problem
        // body; the HTTP layer's own check would answer an empty 400 before any route runs.
        System.setProperty(URI_VALIDATION_OFF, "true");
        Quarkus.run(args);
    }
}
