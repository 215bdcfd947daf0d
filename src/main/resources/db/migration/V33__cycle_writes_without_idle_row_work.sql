-- The monthly cycle writes tens of thousands of rows at province scale; two per-row costs do no work.
--
-- 1. The notification trigger ran its function for every appended domain event, though it writes
--    inbox rows for five event types only (V30): the monthly cycle's light.changed and slip.drafted
--    events paid a function call each for nothing. The trigger now fires for those five types;
--    a type added to notify_from_domain_event() must be added here too.
DROP TRIGGER domain_event_notifies ON domain_event;
CREATE TRIGGER domain_event_notifies AFTER INSERT ON domain_event
    FOR EACH ROW
    WHEN (NEW.type IN ('report.returned', 'slip.issued', 'slip.overdue', 'slip.submitted_for_approval',
                       'briefing.published'))
    EXECUTE FUNCTION notify_from_domain_event();

-- 2. A sub-item figure's task is its sub-item's task, and the sub-item's key already removes the
--    figure with the sub-item (and so with its task, whose sub-items go with it). The second key
--    only added a lookup of key_task for each of the month's 200,000 sub-item figures.
ALTER TABLE progress_sub_item_figure DROP CONSTRAINT progress_sub_item_figure_task_id_fkey;
