package cn.keywork.supervision.task.service;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.task.domain.TaskCategory;
import cn.keywork.supervision.task.domain.TaskPolicy;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.RuleViolation;

/** Register codes ({@code 2026-GC-03}) and the seed's category limits (R1). */
@ApplicationScoped
class TaskCodes {

    private final SupervisionConfig.Tasks settings;
    private final TaskPolicy.DeclarationWindow declarationWindow;

    TaskCodes(SupervisionConfig config) {
        this.settings = config.tasks();
        try {
            this.declarationWindow = settings.declarationWindow().map(TaskPolicy.DeclarationWindow::parse)
                    .orElse(TaskPolicy.DeclarationWindow.ALWAYS);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("supervision.tasks.declaration-window must look like 01-01/03-31");
        }
    }

    /** When units declare, as configured (R2). */
    TaskPolicy.DeclarationWindow declarationWindow() {
        return declarationWindow;
    }

    String code(int year, TaskCategory category, int number) {
        return String.format("%d-%s-%02d", year, prefix(category), number);
    }

    private String prefix(TaskCategory category) {
        SupervisionConfig.CodePrefix prefixes = settings.codePrefix();
        return switch (category) {
            case KEY_PROJECT -> prefixes.keyProject();
            case LIVELIHOOD -> prefixes.livelihood();
            case COUNTY_TOPIC -> prefixes.countyTopic();
            case MEETING_DECISION -> prefixes.meetingDecision();
            case LEADER_INSTRUCTION -> prefixes.leaderInstruction();
            case OTHER -> prefixes.other();
        };
    }

    /** Refuses a task that would exceed its category's yearly limit, given how many are registered. */
    void checkLimit(TaskCategory category, int year, long registeredInCategory, long registeredForUnit) {
        switch (category) {
            case KEY_PROJECT -> refuseOver(registeredInCategory, settings.keyProjectsPerYear(),
                    DomainMessage.TASK_LIMIT_KEY_PROJECTS, year);
            case LIVELIHOOD -> refuseOver(registeredInCategory, settings.livelihoodMattersPerYear(),
                    DomainMessage.TASK_LIMIT_LIVELIHOOD_MATTERS, year);
            case COUNTY_TOPIC -> refuseOver(registeredForUnit, settings.countyTopicsPerUnitPerYear(),
                    DomainMessage.TASK_LIMIT_COUNTY_TOPICS, year);
            default -> {
            }
        }
    }

    private static void refuseOver(long registered, int limit, DomainMessage full, int year) {
        if (registered >= limit) {
            throw new RuleViolation(full, year, registered, limit);
        }
    }
}
