-- The original baseline: the baseline before the first recorded re-baseline, or the baseline itself.
UPDATE `milestones` SET `original_baseline_date` = coalesce(
  (SELECT b.`previous_date` FROM `milestone_baselines` b WHERE b.`milestone_id` = `milestones`.`id` ORDER BY b.`created_at`, b.`id` LIMIT 1),
  `baseline_date`);
--> statement-breakpoint
-- One version per existing milestone and workstream, in force from its creation (decision 011).
INSERT INTO `milestone_history` (`milestone_id`, `workstream_id`, `status`, `baseline_date`, `forecast_date`, `actual_date`, `critical_path`, `weight`, `valid_from`, `valid_to`)
SELECT `id`, `workstream_id`, `status`, `baseline_date`, `forecast_date`, `actual_date`, `critical_path`, `weight`, `created_at`, NULL FROM `milestones`;
--> statement-breakpoint
INSERT INTO `workstream_history` (`workstream_id`, `lifecycle_status`, `rag_override`, `rag_override_reason`, `rag_override_expires_on`, `owner_id`, `valid_from`, `valid_to`)
SELECT `id`, `lifecycle_status`, `rag_override`, `rag_override_reason`, `rag_override_expires_on`, `owner_id`, `created_at`, NULL FROM `workstreams`;
