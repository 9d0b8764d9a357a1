CREATE INDEX `actuals_cube_idx` ON `actuals` (`date`,`workstream_id`,`engagement_id`,`category`,`cost_class`,`amount_cents`);--> statement-breakpoint
CREATE INDEX `budget_line_history_valid_to_idx` ON `budget_line_history` (`valid_to`);--> statement-breakpoint
CREATE INDEX `commitments_cube_idx` ON `commitments` (`date`,`workstream_id`,`engagement_id`,`category`,`cost_class`,`amount_cents`);--> statement-breakpoint
CREATE INDEX `obligation_history_valid_to_idx` ON `obligation_history` (`valid_to`);--> statement-breakpoint
CREATE INDEX `setting_history_valid_to_idx` ON `setting_history` (`valid_to`);--> statement-breakpoint
CREATE INDEX `risk_acceptances_risk_state_idx` ON `risk_acceptances` (`risk_id`,`state`,`expires_on`);--> statement-breakpoint
CREATE INDEX `risk_history_valid_to_idx` ON `risk_history` (`valid_to`);--> statement-breakpoint
CREATE INDEX `risk_milestone_history_valid_to_idx` ON `risk_milestone_history` (`valid_to`);--> statement-breakpoint
CREATE INDEX `risk_workstream_history_valid_to_idx` ON `risk_workstream_history` (`valid_to`);--> statement-breakpoint
CREATE INDEX `milestone_history_valid_to_idx` ON `milestone_history` (`valid_to`);--> statement-breakpoint
CREATE INDEX `status_reports_latest_idx` ON `status_reports` (`workstream_id`,`state`,`period`,`revision`);--> statement-breakpoint
CREATE INDEX `workstream_history_valid_to_idx` ON `workstream_history` (`valid_to`);