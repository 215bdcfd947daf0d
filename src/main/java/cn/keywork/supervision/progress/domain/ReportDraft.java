package cn.keywork.supervision.progress.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a unit sends for a month's draft. Every field may be absent (null), which keeps what the
 * report holds; an empty text or list is sent and empties it.
 */
public record ReportDraft(String period, String summary, String problems, String measures, String nextSteps,
        List<Coordination> coordinationRequests, List<Entry> subItems) {

    /** 需协调解决事项: a description and the units asked. */
    public record Coordination(String description, List<UUID> unitIds) {
    }

    /** One sub-item's values; a null keeps the stored value. */
    public record Entry(UUID subItemId, BigDecimal actual, String note, String correctionReason) {
    }

    /** The task-level fields sent, by their contract names (the lead unit's or the office's to write). */
    public List<String> taskLevelFieldsSent() {
        List<String> sent = new ArrayList<>();
        if (summary != null) {
            sent.add("summary");
        }
        if (problems != null) {
            sent.add("problems");
        }
        if (measures != null) {
            sent.add("measures");
        }
        if (nextSteps != null) {
            sent.add("nextSteps");
        }
        if (coordinationRequests != null) {
            sent.add("coordinationRequests");
        }
        return sent;
    }
}
