CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`request_id` text,
	`ip` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`);--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_events_action_idx` ON `audit_events` (`action`);--> statement-breakpoint
CREATE INDEX `audit_events_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `mfa_recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`used_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mfa_recovery_codes_user_idx` ON `mfa_recovery_codes` (`user_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`absolute_expires_at` text NOT NULL,
	`mfa_verified` integer DEFAULT false NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `setup_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text
);
--> statement-breakpoint
CREATE TABLE `throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_started_at` text NOT NULL,
	`locked_until` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`password_changed_at` text,
	`mfa_secret` text,
	`mfa_enabled_at` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_role_check" CHECK("users"."role" in ('admin', 'ciso_office', 'workstream_lead', 'executive', 'board'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_role_idx` ON `users` (`role`);--> statement-breakpoint
CREATE TABLE `board_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`quarter` text NOT NULL,
	`as_of_date` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`highlights` text DEFAULT '' NOT NULL,
	`concerns` text DEFAULT '' NOT NULL,
	`decisions` text DEFAULT '' NOT NULL,
	`snapshot` text,
	`content_hash` text,
	`drafted_by_id` integer,
	`approved_by_id` integer,
	`approved_at` text,
	`published_by_id` integer,
	`published_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`drafted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "board_reports_state_check" CHECK("board_reports"."state" in ('draft', 'in_review', 'approved', 'published')),
	CONSTRAINT "board_reports_quarter_check" CHECK("board_reports"."quarter" glob 'FY[0-9][0-9][0-9][0-9]-Q[1-4]'),
	CONSTRAINT "board_reports_published_check" CHECK("board_reports"."state" <> 'published' or ("board_reports"."snapshot" is not null and "board_reports"."content_hash" is not null and "board_reports"."published_at" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `board_reports_quarter_unique` ON `board_reports` (`quarter`);--> statement-breakpoint
CREATE INDEX `board_reports_state_idx` ON `board_reports` (`state`);--> statement-breakpoint
CREATE INDEX `board_reports_drafted_by_idx` ON `board_reports` (`drafted_by_id`);--> statement-breakpoint
CREATE INDEX `board_reports_approved_by_idx` ON `board_reports` (`approved_by_id`);--> statement-breakpoint
CREATE INDEX `board_reports_published_by_idx` ON `board_reports` (`published_by_id`);--> statement-breakpoint
CREATE TABLE `deliverables` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`engagement_id` integer NOT NULL,
	`title` text NOT NULL,
	`due_date` text NOT NULL,
	`accepted_date` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`milestone_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "deliverables_status_check" CHECK("deliverables"."status" in ('pending', 'submitted', 'accepted', 'rejected'))
);
--> statement-breakpoint
CREATE INDEX `deliverables_engagement_idx` ON `deliverables` (`engagement_id`);--> statement-breakpoint
CREATE INDEX `deliverables_milestone_idx` ON `deliverables` (`milestone_id`);--> statement-breakpoint
CREATE INDEX `deliverables_status_idx` ON `deliverables` (`status`);--> statement-breakpoint
CREATE INDEX `deliverables_due_idx` ON `deliverables` (`due_date`);--> statement-breakpoint
CREATE TABLE `engagement_workstreams` (
	`engagement_id` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	PRIMARY KEY(`engagement_id`, `workstream_id`),
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `engagement_workstreams_workstream_idx` ON `engagement_workstreams` (`workstream_id`);--> statement-breakpoint
CREATE TABLE `engagements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vendor_id` integer NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`sow_reference` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`contract_value_cents` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`relationship_owner_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`relationship_owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "engagements_kind_check" CHECK("engagements"."kind" in ('incident_response', 'advisory', 'assessment', 'red_team', 'managed_service', 'implementation')),
	CONSTRAINT "engagements_status_check" CHECK("engagements"."status" in ('planned', 'active', 'completed', 'terminated')),
	CONSTRAINT "engagements_value_check" CHECK("engagements"."contract_value_cents" >= 0),
	CONSTRAINT "engagements_dates_check" CHECK("engagements"."end_date" >= "engagements"."start_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `engagements_sow_unique` ON `engagements` (`sow_reference`);--> statement-breakpoint
CREATE INDEX `engagements_vendor_idx` ON `engagements` (`vendor_id`);--> statement-breakpoint
CREATE INDEX `engagements_owner_idx` ON `engagements` (`relationship_owner_id`);--> statement-breakpoint
CREATE INDEX `engagements_status_idx` ON `engagements` (`status`);--> statement-breakpoint
CREATE INDEX `engagements_kind_idx` ON `engagements` (`kind`);--> statement-breakpoint
CREATE TABLE `vendors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_email` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vendors_name_unique` ON `vendors` (`name`);--> statement-breakpoint
CREATE TABLE `actual_tags` (
	`actual_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`actual_id`, `tag`),
	FOREIGN KEY (`actual_id`) REFERENCES `actuals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `actual_tags_tag_idx` ON `actual_tags` (`tag`);--> statement-breakpoint
CREATE TABLE `actuals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`date` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	`engagement_id` integer,
	`cost_class` text NOT NULL,
	`category` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "actuals_amount_check" CHECK("actuals"."amount_cents" >= 0),
	CONSTRAINT "actuals_class_check" CHECK("actuals"."cost_class" in ('capex', 'opex')),
	CONSTRAINT "actuals_category_check" CHECK("actuals"."category" in ('labour', 'vendor', 'tooling', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `actuals_reference_unique` ON `actuals` (`reference`);--> statement-breakpoint
CREATE INDEX `actuals_date_idx` ON `actuals` (`date`);--> statement-breakpoint
CREATE INDEX `actuals_workstream_idx` ON `actuals` (`workstream_id`);--> statement-breakpoint
CREATE INDEX `actuals_engagement_idx` ON `actuals` (`engagement_id`);--> statement-breakpoint
CREATE INDEX `actuals_category_idx` ON `actuals` (`cost_class`,`category`);--> statement-breakpoint
CREATE TABLE `budget_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fiscal_year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	`cost_class` text NOT NULL,
	`category` text NOT NULL,
	`engagement_id` integer,
	`amount_cents` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "budget_lines_quarter_check" CHECK("budget_lines"."quarter" between 1 and 4),
	CONSTRAINT "budget_lines_amount_check" CHECK("budget_lines"."amount_cents" >= 0),
	CONSTRAINT "budget_lines_class_check" CHECK("budget_lines"."cost_class" in ('capex', 'opex')),
	CONSTRAINT "budget_lines_category_check" CHECK("budget_lines"."category" in ('labour', 'vendor', 'tooling', 'other'))
);
--> statement-breakpoint
CREATE INDEX `budget_lines_period_idx` ON `budget_lines` (`fiscal_year`,`quarter`);--> statement-breakpoint
CREATE INDEX `budget_lines_workstream_idx` ON `budget_lines` (`workstream_id`);--> statement-breakpoint
CREATE INDEX `budget_lines_engagement_idx` ON `budget_lines` (`engagement_id`);--> statement-breakpoint
CREATE INDEX `budget_lines_category_idx` ON `budget_lines` (`cost_class`,`category`);--> statement-breakpoint
CREATE TABLE `commitments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`date` text NOT NULL,
	`workstream_id` integer NOT NULL,
	`engagement_id` integer,
	`cost_class` text NOT NULL,
	`category` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "commitments_amount_check" CHECK("commitments"."amount_cents" >= 0),
	CONSTRAINT "commitments_class_check" CHECK("commitments"."cost_class" in ('capex', 'opex')),
	CONSTRAINT "commitments_category_check" CHECK("commitments"."category" in ('labour', 'vendor', 'tooling', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `commitments_reference_unique` ON `commitments` (`reference`);--> statement-breakpoint
CREATE INDEX `commitments_date_idx` ON `commitments` (`date`);--> statement-breakpoint
CREATE INDEX `commitments_workstream_idx` ON `commitments` (`workstream_id`);--> statement-breakpoint
CREATE INDEX `commitments_engagement_idx` ON `commitments` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `obligation_milestones` (
	`obligation_id` integer NOT NULL,
	`milestone_id` integer NOT NULL,
	PRIMARY KEY(`obligation_id`, `milestone_id`),
	FOREIGN KEY (`obligation_id`) REFERENCES `obligations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `obligation_milestones_milestone_idx` ON `obligation_milestones` (`milestone_id`);--> statement-breakpoint
CREATE TABLE `obligation_workstreams` (
	`obligation_id` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	PRIMARY KEY(`obligation_id`, `workstream_id`),
	FOREIGN KEY (`obligation_id`) REFERENCES `obligations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `obligation_workstreams_workstream_idx` ON `obligation_workstreams` (`workstream_id`);--> statement-breakpoint
CREATE TABLE `obligations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`source` text NOT NULL,
	`source_reference` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`target_cents` integer,
	`window_start` text,
	`window_end` text,
	`spend_tag` text,
	`spend_category` text,
	`due_date` text,
	`status` text DEFAULT 'not_started' NOT NULL,
	`evidence_notes` text DEFAULT '' NOT NULL,
	`owner_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "obligations_source_check" CHECK("obligations"."source" in ('settlement', 'consent_decree', 'regulator', 'board')),
	CONSTRAINT "obligations_kind_check" CHECK("obligations"."kind" in ('spend', 'measure')),
	CONSTRAINT "obligations_status_check" CHECK("obligations"."status" in ('not_started', 'in_progress', 'at_risk', 'met', 'missed')),
	CONSTRAINT "obligations_target_check" CHECK("obligations"."target_cents" is null or "obligations"."target_cents" >= 0),
	CONSTRAINT "obligations_spend_check" CHECK("obligations"."kind" <> 'spend' or ("obligations"."target_cents" is not null and "obligations"."window_start" is not null and "obligations"."window_end" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `obligations_code_unique` ON `obligations` (`code`);--> statement-breakpoint
CREATE INDEX `obligations_owner_idx` ON `obligations` (`owner_id`);--> statement-breakpoint
CREATE INDEX `obligations_status_idx` ON `obligations` (`status`);--> statement-breakpoint
CREATE INDEX `obligations_source_idx` ON `obligations` (`source`);--> statement-breakpoint
CREATE TABLE `program` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`start_fiscal_year` integer NOT NULL,
	`end_fiscal_year` integer NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`fiscal_year_start_month` integer DEFAULT 1 NOT NULL,
	`risk_appetite` text DEFAULT 'medium' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "program_fy_month_check" CHECK("program"."fiscal_year_start_month" between 1 and 12),
	CONSTRAINT "program_years_check" CHECK("program"."end_fiscal_year" >= "program"."start_fiscal_year"),
	CONSTRAINT "program_appetite_check" CHECK("program"."risk_appetite" in ('low', 'medium', 'high', 'critical'))
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `risk_acceptances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`risk_id` integer NOT NULL,
	`requested_by_id` integer,
	`requested_at` text NOT NULL,
	`justification` text NOT NULL,
	`expires_on` text NOT NULL,
	`state` text DEFAULT 'requested' NOT NULL,
	`decided_by_id` integer,
	`decided_at` text,
	`decision_note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "risk_acceptances_state_check" CHECK("risk_acceptances"."state" in ('requested', 'approved', 'rejected', 'withdrawn'))
);
--> statement-breakpoint
CREATE INDEX `risk_acceptances_risk_idx` ON `risk_acceptances` (`risk_id`);--> statement-breakpoint
CREATE INDEX `risk_acceptances_state_idx` ON `risk_acceptances` (`state`,`expires_on`);--> statement-breakpoint
CREATE INDEX `risk_acceptances_requested_by_idx` ON `risk_acceptances` (`requested_by_id`);--> statement-breakpoint
CREATE INDEX `risk_acceptances_decided_by_idx` ON `risk_acceptances` (`decided_by_id`);--> statement-breakpoint
CREATE TABLE `risk_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`risk_id` integer NOT NULL,
	`assessed_on` text NOT NULL,
	`likelihood` integer NOT NULL,
	`impact` integer NOT NULL,
	`rationale` text NOT NULL,
	`assessed_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assessed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "risk_assessments_score_check" CHECK("risk_assessments"."likelihood" between 1 and 5 and "risk_assessments"."impact" between 1 and 5)
);
--> statement-breakpoint
CREATE INDEX `risk_assessments_risk_idx` ON `risk_assessments` (`risk_id`,`assessed_on`);--> statement-breakpoint
CREATE INDEX `risk_assessments_user_idx` ON `risk_assessments` (`assessed_by_id`);--> statement-breakpoint
CREATE INDEX `risk_assessments_date_idx` ON `risk_assessments` (`assessed_on`);--> statement-breakpoint
CREATE TABLE `risk_milestones` (
	`risk_id` integer NOT NULL,
	`milestone_id` integer NOT NULL,
	PRIMARY KEY(`risk_id`, `milestone_id`),
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `risk_milestones_milestone_idx` ON `risk_milestones` (`milestone_id`);--> statement-breakpoint
CREATE TABLE `risk_workstreams` (
	`risk_id` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	PRIMARY KEY(`risk_id`, `workstream_id`),
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `risk_workstreams_workstream_idx` ON `risk_workstreams` (`workstream_id`);--> statement-breakpoint
CREATE TABLE `risks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`category` text NOT NULL,
	`owner_id` integer,
	`csf_function` text NOT NULL,
	`inherent_likelihood` integer NOT NULL,
	`inherent_impact` integer NOT NULL,
	`current_likelihood` integer NOT NULL,
	`current_impact` integer NOT NULL,
	`target_likelihood` integer NOT NULL,
	`target_impact` integer NOT NULL,
	`inherent_level` text NOT NULL,
	`current_level` text NOT NULL,
	`target_level` text NOT NULL,
	`treatment` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`next_review_date` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "risks_inherent_check" CHECK("risks"."inherent_likelihood" between 1 and 5 and "risks"."inherent_impact" between 1 and 5),
	CONSTRAINT "risks_current_check" CHECK("risks"."current_likelihood" between 1 and 5 and "risks"."current_impact" between 1 and 5),
	CONSTRAINT "risks_target_check" CHECK("risks"."target_likelihood" between 1 and 5 and "risks"."target_impact" between 1 and 5),
	CONSTRAINT "risks_level_check" CHECK("risks"."inherent_level" in ('low', 'medium', 'high', 'critical') and "risks"."current_level" in ('low', 'medium', 'high', 'critical') and "risks"."target_level" in ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "risks_treatment_check" CHECK("risks"."treatment" in ('mitigate', 'accept', 'transfer', 'avoid')),
	CONSTRAINT "risks_status_check" CHECK("risks"."status" in ('open', 'monitoring', 'closed')),
	CONSTRAINT "risks_csf_check" CHECK("risks"."csf_function" in ('govern', 'identify', 'protect', 'detect', 'respond', 'recover'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risks_code_unique` ON `risks` (`code`);--> statement-breakpoint
CREATE INDEX `risks_owner_idx` ON `risks` (`owner_id`);--> statement-breakpoint
CREATE INDEX `risks_current_level_idx` ON `risks` (`current_level`);--> statement-breakpoint
CREATE INDEX `risks_status_idx` ON `risks` (`status`);--> statement-breakpoint
CREATE INDEX `risks_review_idx` ON `risks` (`next_review_date`);--> statement-breakpoint
CREATE INDEX `risks_csf_idx` ON `risks` (`csf_function`);--> statement-breakpoint
CREATE TABLE `milestone_baselines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`milestone_id` integer NOT NULL,
	`previous_date` text NOT NULL,
	`new_date` text NOT NULL,
	`reason` text NOT NULL,
	`changed_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `milestone_baselines_milestone_idx` ON `milestone_baselines` (`milestone_id`);--> statement-breakpoint
CREATE INDEX `milestone_baselines_user_idx` ON `milestone_baselines` (`changed_by_id`);--> statement-breakpoint
CREATE TABLE `milestone_dependencies` (
	`milestone_id` integer NOT NULL,
	`depends_on_id` integer NOT NULL,
	PRIMARY KEY(`milestone_id`, `depends_on_id`),
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`depends_on_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "milestone_dependencies_self_check" CHECK("milestone_dependencies"."milestone_id" <> "milestone_dependencies"."depends_on_id")
);
--> statement-breakpoint
CREATE INDEX `milestone_dependencies_depends_on_idx` ON `milestone_dependencies` (`depends_on_id`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workstream_id` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`baseline_date` text NOT NULL,
	`forecast_date` text,
	`actual_date` text,
	`status` text DEFAULT 'not_started' NOT NULL,
	`percent_complete` integer DEFAULT 0 NOT NULL,
	`weight` integer DEFAULT 1 NOT NULL,
	`critical_path` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "milestones_status_check" CHECK("milestones"."status" in ('not_started', 'in_progress', 'done', 'cancelled')),
	CONSTRAINT "milestones_percent_check" CHECK("milestones"."percent_complete" between 0 and 100),
	CONSTRAINT "milestones_weight_check" CHECK("milestones"."weight" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `milestones_code_unique` ON `milestones` (`code`);--> statement-breakpoint
CREATE INDEX `milestones_workstream_idx` ON `milestones` (`workstream_id`);--> statement-breakpoint
CREATE INDEX `milestones_status_idx` ON `milestones` (`status`);--> statement-breakpoint
CREATE INDEX `milestones_baseline_idx` ON `milestones` (`baseline_date`);--> statement-breakpoint
CREATE INDEX `milestones_forecast_idx` ON `milestones` (`forecast_date`);--> statement-breakpoint
CREATE TABLE `status_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workstream_id` integer NOT NULL,
	`period` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`supersedes_id` integer,
	`state` text DEFAULT 'draft' NOT NULL,
	`rag_overall` text NOT NULL,
	`rag_schedule` text NOT NULL,
	`rag_cost` text NOT NULL,
	`rag_scope` text NOT NULL,
	`rag_risk` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`accomplishments` text DEFAULT '' NOT NULL,
	`next_steps` text DEFAULT '' NOT NULL,
	`blockers` text DEFAULT '' NOT NULL,
	`asks` text DEFAULT '' NOT NULL,
	`author_id` integer,
	`submitted_by_id` integer,
	`submitted_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`supersedes_id`) REFERENCES `status_reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "status_reports_state_check" CHECK("status_reports"."state" in ('draft', 'submitted')),
	CONSTRAINT "status_reports_period_check" CHECK("status_reports"."period" glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
	CONSTRAINT "status_reports_rag_check" CHECK("status_reports"."rag_overall" in ('green', 'amber', 'red') and "status_reports"."rag_schedule" in ('green', 'amber', 'red') and "status_reports"."rag_cost" in ('green', 'amber', 'red') and "status_reports"."rag_scope" in ('green', 'amber', 'red') and "status_reports"."rag_risk" in ('green', 'amber', 'red'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `status_reports_period_revision_unique` ON `status_reports` (`workstream_id`,`period`,`revision`);--> statement-breakpoint
CREATE INDEX `status_reports_state_idx` ON `status_reports` (`state`);--> statement-breakpoint
CREATE INDEX `status_reports_period_idx` ON `status_reports` (`period`);--> statement-breakpoint
CREATE INDEX `status_reports_supersedes_idx` ON `status_reports` (`supersedes_id`);--> statement-breakpoint
CREATE INDEX `status_reports_author_idx` ON `status_reports` (`author_id`);--> statement-breakpoint
CREATE INDEX `status_reports_submitted_by_idx` ON `status_reports` (`submitted_by_id`);--> statement-breakpoint
CREATE TABLE `workstream_csf_functions` (
	`workstream_id` integer NOT NULL,
	`csf_function` text NOT NULL,
	PRIMARY KEY(`workstream_id`, `csf_function`),
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "workstream_csf_functions_check" CHECK("workstream_csf_functions"."csf_function" in ('govern', 'identify', 'protect', 'detect', 'respond', 'recover'))
);
--> statement-breakpoint
CREATE INDEX `workstream_csf_functions_function_idx` ON `workstream_csf_functions` (`csf_function`);--> statement-breakpoint
CREATE TABLE `workstreams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`objective` text DEFAULT '' NOT NULL,
	`owner_id` integer,
	`sponsor_id` integer,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`lifecycle_status` text DEFAULT 'planned' NOT NULL,
	`rag_override` text,
	`rag_override_reason` text,
	`rag_override_expires_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sponsor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "workstreams_lifecycle_check" CHECK("workstreams"."lifecycle_status" in ('planned', 'active', 'on_hold', 'done', 'cancelled')),
	CONSTRAINT "workstreams_rag_override_check" CHECK("workstreams"."rag_override" is null or "workstreams"."rag_override" in ('green', 'amber', 'red')),
	CONSTRAINT "workstreams_override_reason_check" CHECK("workstreams"."rag_override" is null or ("workstreams"."rag_override_reason" is not null and "workstreams"."rag_override_expires_on" is not null)),
	CONSTRAINT "workstreams_dates_check" CHECK("workstreams"."end_date" >= "workstreams"."start_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workstreams_code_unique` ON `workstreams` (`code`);--> statement-breakpoint
CREATE INDEX `workstreams_owner_idx` ON `workstreams` (`owner_id`);--> statement-breakpoint
CREATE INDEX `workstreams_sponsor_idx` ON `workstreams` (`sponsor_id`);--> statement-breakpoint
CREATE INDEX `workstreams_lifecycle_idx` ON `workstreams` (`lifecycle_status`);