-- One line per table with the rows inserted (and the time since the start when it was done), then
-- the total elapsed time.

SELECT format('%-28s %10s rows   at %8s s', tbl, rows, to_char(extract(epoch FROM at - (SELECT started FROM gen_param)), 'FM99990.0'))
FROM gen_log ORDER BY step;
SELECT format('generated seed=%s tasks=%s year=%s (month %s open, %s units) in %s s', seed, tasks, yr, cur_month, units,
              to_char(extract(epoch FROM clock_timestamp() - started), 'FM99990.0'))
FROM gen_param;
