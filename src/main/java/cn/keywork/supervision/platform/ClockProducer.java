package cn.keywork.supervision.platform;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;

/** The one source of time: tests replace it to travel through months and quarters. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock(SupervisionConfig config) {
        return Clock.system(config.timeZone());
    }
}
