package cn.keywork.supervision.cycle.service;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.cycle.domain.CycleType;

/** The steps later features hook into. */
final class Hooks {

    private Hooks() {
    }

    /** YEARLY 3: the next year's declaration window is the recurring setting; nothing to open. */
    @ApplicationScoped
    static class DeclarationWindow extends Hook {
        DeclarationWindow() {
            super(CycleType.YEARLY, 3, "open-declaration-window", "the declaration window recurs every year from the setting "
                    + "supervision.tasks.declaration-window; there is nothing to open");
        }
    }
}
