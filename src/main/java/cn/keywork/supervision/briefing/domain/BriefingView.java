package cn.keywork.supervision.briefing.domain;

/** A briefing as read: its row and its text rendered in Markdown. */
public record BriefingView(BriefingRow row, String markdown) {

    public static BriefingView of(BriefingRow row) {
        return new BriefingView(row, row.data() == null ? null
                : BriefingText.markdown(row.title(), row.foreword(), row.conclusions(), row.data()));
    }
}
