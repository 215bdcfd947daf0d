-- Notifications are for people: a service account (an app_user of kind SERVICE, V28) holding a
-- unit's role follows the event feed or a webhook instead, and gets no inbox entries. Only the
-- recipients' condition changes; the function is otherwise the one of V20.
CREATE OR REPLACE FUNCTION notify_from_domain_event() RETURNS trigger LANGUAGE plpgsql AS $$
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
        WHERE u.active AND u.kind = 'PERSON' AND u.unit_id = NEW.unit_ids[1]
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
        WHERE u.active AND u.kind = 'PERSON'
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
        WHERE u.active AND u.kind = 'PERSON'
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
        WHERE u.active AND u.kind = 'PERSON'
          AND (has_role(u.roles, 'OFFICE') OR has_role(u.roles, 'LEADER') OR has_role(u.roles, 'ASSESSMENT')
               OR has_role(u.roles, 'LEADING_GROUP'))
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
