-- One version per existing plan line and obligation, in force from the row's created_at (decision 011).
INSERT INTO `budget_line_history` (`budget_line_id`, `fiscal_year`, `quarter`, `workstream_id`, `cost_class`, `category`, `engagement_id`, `amount_cents`, `valid_from`, `valid_to`)
SELECT `id`, `fiscal_year`, `quarter`, `workstream_id`, `cost_class`, `category`, `engagement_id`, `amount_cents`, `created_at`, NULL FROM `budget_lines`;
--> statement-breakpoint
INSERT INTO `obligation_history` (`obligation_id`, `kind`, `status`, `target_cents`, `window_start`, `window_end`, `spend_tag`, `spend_category`, `due_date`, `valid_from`, `valid_to`)
SELECT `id`, `kind`, `status`, `target_cents`, `window_start`, `window_end`, `spend_tag`, `spend_category`, `due_date`, `created_at`, NULL FROM `obligations`;
