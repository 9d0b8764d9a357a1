-- One version per existing risk, link, settings document and the programme's
-- risk appetite, in force from the row's created_at (decision 011). Links
-- have no timestamp of their own: they date from their risk.
INSERT INTO `risk_history` (`risk_id`, `status`, `treatment`, `owner_id`, `csf_function`, `category`, `inherent_likelihood`, `inherent_impact`, `target_likelihood`, `target_impact`, `next_review_date`, `valid_from`, `valid_to`)
SELECT `id`, `status`, `treatment`, `owner_id`, `csf_function`, `category`, `inherent_likelihood`, `inherent_impact`, `target_likelihood`, `target_impact`, `next_review_date`, `created_at`, NULL FROM `risks`;
--> statement-breakpoint
INSERT INTO `risk_workstream_history` (`risk_id`, `workstream_id`, `valid_from`, `valid_to`)
SELECT l.`risk_id`, l.`workstream_id`, r.`created_at`, NULL FROM `risk_workstreams` l JOIN `risks` r ON r.`id` = l.`risk_id`;
--> statement-breakpoint
INSERT INTO `risk_milestone_history` (`risk_id`, `milestone_id`, `valid_from`, `valid_to`)
SELECT l.`risk_id`, l.`milestone_id`, r.`created_at`, NULL FROM `risk_milestones` l JOIN `risks` r ON r.`id` = l.`risk_id`;
--> statement-breakpoint
INSERT INTO `setting_history` (`key`, `value`, `valid_from`, `valid_to`)
SELECT `key`, `value`, `created_at`, NULL FROM `settings`;
--> statement-breakpoint
INSERT INTO `setting_history` (`key`, `value`, `valid_from`, `valid_to`)
SELECT 'risk_appetite', '"' || `risk_appetite` || '"', `created_at`, NULL FROM `program`;
