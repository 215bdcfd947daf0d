-- Notifications (the in-app inbox) and their deliveries by other channels (the outbox).
-- A notification is written in the same transaction as its cause: the trigger below turns the
-- domain events that concern people into notification rows, so every writer of domain_event
-- (set-based ones included) notifies; report-due reminders are written by the monthly cycle.
CREATE TABLE notification (
    id                uuid          PRIMARY KEY,
    recipient_id      uuid          NOT NULL REFERENCES app_user (id),
    kind              varchar(24)   NOT NULL CHECK (kind IN ('REPORT_DUE', 'REPORT_RETURNED', 'SLIP_ISSUED',
                                        'SLIP_OVERDUE', 'APPROVAL_WAITING', 'BRIEFING_PUBLISHED')),
    -- what caused it: the domain event's id, or for REPORT_DUE the task's id
    cause             varchar(64)   NOT NULL,
    -- the month, quarter or year it belongs to, if any
    period            varchar(8),
    title             varchar(200)  NOT NULL,
    body              varchar(1000) NOT NULL,
    -- the API path of the object it is about
    link              varchar(300),
    created_at        timestamptz   NOT NULL,
    read_at           timestamptz,
    -- whether the delivery worker has written this notification's delivery rows
    delivery_planned  boolean       NOT NULL DEFAULT false
);
-- nothing is notified twice: one row per recipient, kind, cause and period
CREATE UNIQUE INDEX notification_once ON notification (recipient_id, kind, cause, coalesce(period, ''));
CREATE INDEX notification_recipient ON notification (recipient_id, created_at DESC);
CREATE INDEX notification_unread ON notification (recipient_id) WHERE read_at IS NULL;
CREATE INDEX notification_unplanned ON notification (created_at) WHERE NOT delivery_planned;

-- One row per notification and channel other than in-app. PENDING → SENDING (claimed with a lease,
-- committed before sending) → SENT, or back to PENDING with a later next_attempt_at, or FAILED.
CREATE TABLE notification_delivery (
    id               uuid          PRIMARY KEY,
    notification_id  uuid          NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    channel          varchar(16)   NOT NULL CHECK (channel IN ('email', 'sms')),
    status           varchar(16)   NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts         int           NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz   NOT NULL,
    claimed_by       varchar(100),
    claimed_until    timestamptz,
    sent_at          timestamptz,
    last_error       varchar(500),
    created_at       timestamptz   NOT NULL,
    CONSTRAINT notification_delivery_once UNIQUE (notification_id, channel)
);
CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_delivery_leased ON notification_delivery (claimed_until) WHERE status = 'SENDING';

CREATE FUNCTION has_role(account_roles varchar, wanted text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT position(',' || wanted || ',' IN ',' || account_roles || ',') > 0
$$;

CREATE FUNCTION slip_type_label(slip_type text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE slip_type WHEN 'ASSIGNMENT' THEN '交办单' WHEN 'URGING' THEN '催办单'
                          WHEN 'SUPERVISION' THEN '督办单' ELSE '督办事项' END
$$;

CREATE FUNCTION notify_from_domain_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    p      jsonb := NEW.payload;
    code   text  := coalesce(NEW.payload ->> 'code', '');
    label  text  := slip_type_label(NEW.payload ->> 'slipType');
    num    text  := coalesce(NEW.payload ->> 'number', '');
    k      text;
    t      text;
    b      text;
    l      text;
BEGIN
    IF NEW.type = 'report.returned' THEN
        -- the report is the lead unit's, the first of the event's units
        k := 'REPORT_RETURNED';
        t := format('%s月进展报告被退回', NEW.period);
        b := format('任务 %s 的 %s 月进展报告已被退回，请修改后重新报送。', code, NEW.period);
        l := format('/api/v1/tasks/%s/reports/%s', p ->> 'taskId', NEW.period);
        INSERT INTO notification (id, recipient_id, kind, cause, period, title, body, link, created_at)
        SELECT gen_random_uuid(), u.id, k, NEW.id::text, NEW.period, t, b, l, NEW.occurred_at
        FROM app_user u
        WHERE u.active AND u.unit_id = NEW.unit_ids[1]
          AND (has_role(u.roles, 'UNIT_HEAD') OR has_role(u.roles, 'UNIT_LIAISON'))
        ON CONFLICT DO NOTHING;
    ELSIF NEW.type IN ('slip.issued', 'slip.overdue') THEN
        IF NEW.type = 'slip.issued' THEN
            k := 'SLIP_ISSUED';
            t := format('收到%s %s', label, num);
            b := format('任务 %s 的%s（%s）已下发，请及时签收并在期限内反馈。', code, label, num);
        ELSE
            k := 'SLIP_OVERDUE';
            IF p ->> 'kind' = 'ACKNOWLEDGEMENT' THEN
                t := format('%s %s 签收已逾期', label, num);
                b := format('任务 %s 的%s（%s）未按时签收，请立即签收。', code, label, num);
            ELSE
                t := format('%s %s 反馈已逾期', label, num);
                b := format('任务 %s 的%s（%s）已过反馈期限（%s），请立即反馈。', code, label, num,
                            coalesce(p ->> 'deadline', ''));
            END IF;
        END IF;
        l := '/api/v1/slips/' || NEW.object_id;
        -- the units the slip is addressed to (not those copied)
        INSERT INTO notification (id, recipient_id, kind, cause, period, title, body, link, created_at)
        SELECT gen_random_uuid(), u.id, k, NEW.id::text, NEW.period, t, b, l, NEW.occurred_at
        FROM app_user u
        WHERE u.active
          AND u.unit_id IN (SELECT st.unit_id FROM slip_target_unit st WHERE st.slip_id = NEW.object_id::uuid)
          AND (has_role(u.roles, 'UNIT_HEAD') OR has_role(u.roles, 'UNIT_LIAISON'))
        ON CONFLICT DO NOTHING;
    ELSIF NEW.type = 'slip.submitted_for_approval' THEN
        k := 'APPROVAL_WAITING';
        t := format('%s待审批（任务 %s）', label, code);
        b := format('任务 %s 的%s已报请审批，请审核。', code, label);
        l := '/api/v1/slips/' || NEW.object_id;
        INSERT INTO notification (id, recipient_id, kind, cause, period, title, body, link, created_at)
        SELECT gen_random_uuid(), u.id, k, NEW.id::text, NEW.period, t, b, l, NEW.occurred_at
        FROM app_user u
        WHERE u.active
          AND (u.id = (SELECT kt.leader_in_charge_id FROM key_task kt WHERE kt.id = (p ->> 'taskId')::uuid)
               OR u.id IN (SELECT sa.user_id FROM slip_approver sa))
        ON CONFLICT DO NOTHING;
    ELSIF NEW.type = 'briefing.published' THEN
        k := 'BRIEFING_PUBLISHED';
        t := format('%s 督查通报已发布', coalesce(NEW.period, ''));
        b := coalesce(p ->> 'title', format('%s 督查通报已发布，请查阅。', coalesce(NEW.period, '')));
        l := '/api/v1/briefings/' || NEW.object_id;
        INSERT INTO notification (id, recipient_id, kind, cause, period, title, body, link, created_at)
        SELECT gen_random_uuid(), u.id, k, NEW.id::text, NEW.period, left(t, 200), left(b, 1000), l, NEW.occurred_at
        FROM app_user u
        WHERE u.active
          AND (has_role(u.roles, 'OFFICE') OR has_role(u.roles, 'LEADER') OR has_role(u.roles, 'ASSESSMENT')
               OR has_role(u.roles, 'LEADING_GROUP'))
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER domain_event_notifies AFTER INSERT ON domain_event
    FOR EACH ROW EXECUTE FUNCTION notify_from_domain_event();
