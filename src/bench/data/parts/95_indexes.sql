-- The secondary indexes dropped for the load, built again; the tables analysed.
SELECT def FROM gen_index ORDER BY tbl, name \gexec
SELECT pg_temp.logged('(indexes rebuilt)', count(*)) FROM gen_index \g /dev/null
ANALYZE org_unit, app_user, key_task, key_task_cooperation, task_sub_item, task_sub_item_month, progress_report,
    progress_report_sub_item, progress_report_version, progress_figure, attachment, evidence_blob, slip, slip_move,
    slip_target_unit, slip_response, ledger, ledger_row, domain_event, audit_event;
SELECT pg_temp.logged('(analysed)', 0) \g /dev/null
