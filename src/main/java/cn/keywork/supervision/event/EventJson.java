package cn.keywork.supervision.event;

/**
 * The contract's {@code Event} as one SQL expression over a {@code domain_event} row, so the feed,
 * its live stream and webhook deliveries answer byte-for-byte the same shape without mapping rows
 * in Java.
 */
public final class EventJson {

    /** The position of a row in commit order, as the feed's cursor spells it: {@code <tx_id>-<seq>}. */
    public static String cursor(String alias) {
        return "(cast(" + alias + ".tx_id AS text) || '-' || " + alias + ".seq)";
    }

    /** A {@code jsonb} value holding the contract's {@code Event} for the row aliased {@code alias}. */
    public static String object(String alias) {
        String a = alias + ".";
        return "jsonb_build_object('id', " + a + "id, 'type', " + a + "type, 'occurredAt', to_char(" + a
                + "occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), 'objectType', " + a
                + "object_type, 'objectId', " + a + "object_id, 'unitIds', to_jsonb(" + a + "unit_ids), 'period', "
                + a + "period, 'payload', " + a + "payload, 'cursor', " + cursor(alias) + ")";
    }

    private EventJson() {
    }
}
