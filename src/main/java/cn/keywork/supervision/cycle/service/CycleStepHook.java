package cn.keywork.supervision.cycle.service;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.cycle.domain.CycleType;
import io.smallrye.mutiny.Uni;

/**
 * Called inside each step's transaction before its work: a failure here rolls the step back as a
 * failure of the step would. Does nothing; tests replace it to inject a crash between steps.
 */
@ApplicationScoped
public class CycleStepHook {

    public Uni<Void> beforeStep(CycleType type, String period, int number) {
        return Uni.createFrom().voidItem();
    }
}
