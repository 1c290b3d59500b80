-- Claims find the fairness keys with due jobs through jobs_available (leading column fairness_key,
-- available rows only). jobs_fairness_live also held running rows, and the planner chose it for
-- that scan, which then stepped over every running and not-yet-vacuumed entry; dropping it made
-- the 50,000-job drain of make bench-queue about twice as fast (11,600-23,500 -> 30,500-36,000
-- jobs/s on this machine). Cancelling a tenant's jobs, which is rare, reads jobs_available and
-- the running rows without it.
DROP INDEX jobs_fairness_live;
