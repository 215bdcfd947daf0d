package cn.keywork.supervision.task.service;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.task.domain.TaskCategory;
import cn.keywork.supervision.web.ApiProblem;

/** Register codes ({@code 2026-GC-03}) and the seed's category limits (R1). */
@ApplicationScoped
class TaskCodes {

    private final SupervisionConfig.Tasks settings;

    TaskCodes(SupervisionConfig config) {
        this.settings = config.tasks();
        settings.declarationWindow().ifPresent(window -> {
            if (!window.matches("\\d{2}-\\d{2}\\s*/\\s*\\d{2}-\\d{2}")) {
                throw new IllegalStateException("supervision.tasks.declaration-window must look like 01-01/03-31");
            }
        });
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

    /** Refuses a unit's declaration for {@code year} outside the configured window (R2). */
    void checkDeclarationWindow(int year, java.time.LocalDate today) {
        settings.declarationWindow().ifPresent(window -> {
            String[] bounds = window.split("/");
            java.time.LocalDate from = java.time.MonthDay.parse("--" + bounds[0].trim()).atYear(year);
            java.time.LocalDate to = java.time.MonthDay.parse("--" + bounds[1].trim()).atYear(year);
            if (today.isBefore(from) || today.isAfter(to)) {
                throw ApiProblem.conflict("Declarations for " + year + " are accepted from " + from + " to " + to + ".");
            }
        });
    }

    /** Refuses a task that would exceed its category's yearly limit, given how many are registered. */
    void checkLimit(TaskCategory category, int year, long registeredInCategory, long registeredForUnit) {
        switch (category) {
            case KEY_PROJECT -> refuseOver(registeredInCategory, settings.keyProjectsPerYear(),
                    "key projects (十项重点工程)", year, "");
            case LIVELIHOOD -> refuseOver(registeredInCategory, settings.livelihoodMattersPerYear(),
                    "livelihood matters (十件民生实事)", year, "");
            case COUNTY_TOPIC -> refuseOver(registeredForUnit, settings.countyTopicsPerUnitPerYear(),
                    "county topics (一县一题)", year, " for this unit");
            default -> {
            }
        }
    }

    private static void refuseOver(long registered, int limit, String what, int year, String scope) {
        if (registered >= limit) {
            throw ApiProblem.conflict("The register of " + year + " already holds " + registered + " " + what + scope
                    + "; the limit is " + limit + ".");
        }
    }
}
