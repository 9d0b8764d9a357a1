CREATE TABLE `csf_category_tier_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tier_id` integer NOT NULL,
	`category` text NOT NULL,
	`current_tier` integer NOT NULL,
	`target_tier` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`tier_id`) REFERENCES `csf_category_tiers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `csf_category_tier_history_tier_idx` ON `csf_category_tier_history` (`tier_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `csf_category_tiers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category` text NOT NULL,
	`current_tier` integer NOT NULL,
	`target_tier` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "csf_category_tiers_category_check" CHECK("csf_category_tiers"."category" in ('GV.OC', 'GV.RM', 'GV.RR', 'GV.PO', 'GV.OV', 'GV.SC', 'ID.AM', 'ID.RA', 'ID.IM', 'PR.AA', 'PR.AT', 'PR.DS', 'PR.PS', 'PR.IR', 'DE.CM', 'DE.AE', 'RS.MA', 'RS.AN', 'RS.CO', 'RS.MI', 'RC.RP', 'RC.CO')),
	CONSTRAINT "csf_category_tiers_tier_check" CHECK("csf_category_tiers"."current_tier" between 1 and 4 and "csf_category_tiers"."target_tier" between 1 and 4)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `csf_category_tiers_category_unique` ON `csf_category_tiers` (`category`);--> statement-breakpoint
CREATE TABLE `measure_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`kind` text NOT NULL,
	`owner_id` integer,
	`csf_category` text NOT NULL,
	`cadence` text NOT NULL,
	`amber_tolerance` integer NOT NULL,
	`red_tolerance` integer NOT NULL,
	`appetite` integer,
	`board_key` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measure_history_measure_idx` ON `measure_history` (`measure_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `measure_obligations` (
	`measure_id` integer NOT NULL,
	`obligation_id` integer NOT NULL,
	PRIMARY KEY(`measure_id`, `obligation_id`),
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`obligation_id`) REFERENCES `obligations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measure_obligations_obligation_idx` ON `measure_obligations` (`obligation_id`);--> statement-breakpoint
CREATE TABLE `measure_target_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_id` integer NOT NULL,
	`measure_id` integer NOT NULL,
	`period` text NOT NULL,
	`target` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text
);
--> statement-breakpoint
CREATE INDEX `measure_target_history_target_idx` ON `measure_target_history` (`target_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `measure_target_history_measure_idx` ON `measure_target_history` (`measure_id`,`period`);--> statement-breakpoint
CREATE TABLE `measure_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`period` text NOT NULL,
	`target` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "measure_targets_period_check" CHECK(length("measure_targets"."period") = 7 and substr("measure_targets"."period", 5, 1) = '-' and substr("measure_targets"."period", 6, 2) between '01' and '12')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `measure_targets_period_unique` ON `measure_targets` (`measure_id`,`period`);--> statement-breakpoint
CREATE TABLE `measure_value_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`value_id` integer NOT NULL,
	`measure_id` integer NOT NULL,
	`period` text NOT NULL,
	`value` integer NOT NULL,
	`source_note` text DEFAULT '' NOT NULL,
	`entered_by_id` integer,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`value_id`) REFERENCES `measure_values`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measure_value_history_value_idx` ON `measure_value_history` (`value_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `measure_value_history_measure_idx` ON `measure_value_history` (`measure_id`,`period`);--> statement-breakpoint
CREATE TABLE `measure_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`period` text NOT NULL,
	`value` integer NOT NULL,
	`source_note` text DEFAULT '' NOT NULL,
	`entered_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entered_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "measure_values_period_check" CHECK(length("measure_values"."period") = 7 and substr("measure_values"."period", 5, 1) = '-' and substr("measure_values"."period", 6, 2) between '01' and '12')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `measure_values_period_unique` ON `measure_values` (`measure_id`,`period`);--> statement-breakpoint
CREATE TABLE `measure_workstreams` (
	`measure_id` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	PRIMARY KEY(`measure_id`, `workstream_id`),
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measure_workstreams_workstream_idx` ON `measure_workstreams` (`workstream_id`);--> statement-breakpoint
CREATE TABLE `measures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`definition` text DEFAULT '' NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`kind` text NOT NULL,
	`owner_id` integer,
	`csf_category` text NOT NULL,
	`cadence` text DEFAULT 'monthly' NOT NULL,
	`amber_tolerance` integer DEFAULT 0 NOT NULL,
	`red_tolerance` integer DEFAULT 0 NOT NULL,
	`appetite` integer,
	`board_key` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "measures_unit_check" CHECK("measures"."unit" in ('percent', 'count', 'days', 'money')),
	CONSTRAINT "measures_direction_check" CHECK("measures"."direction" in ('higher_better', 'lower_better')),
	CONSTRAINT "measures_kind_check" CHECK("measures"."kind" in ('kpi', 'kri')),
	CONSTRAINT "measures_cadence_check" CHECK("measures"."cadence" in ('monthly', 'quarterly')),
	CONSTRAINT "measures_csf_check" CHECK("measures"."csf_category" in ('GV.OC', 'GV.RM', 'GV.RR', 'GV.PO', 'GV.OV', 'GV.SC', 'ID.AM', 'ID.RA', 'ID.IM', 'PR.AA', 'PR.AT', 'PR.DS', 'PR.PS', 'PR.IR', 'DE.CM', 'DE.AE', 'RS.MA', 'RS.AN', 'RS.CO', 'RS.MI', 'RC.RP', 'RC.CO')),
	CONSTRAINT "measures_tolerance_check" CHECK("measures"."amber_tolerance" >= 0 and "measures"."red_tolerance" >= "measures"."amber_tolerance")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `measures_key_unique` ON `measures` (`key`);--> statement-breakpoint
CREATE INDEX `measures_owner_idx` ON `measures` (`owner_id`);--> statement-breakpoint
CREATE INDEX `measures_csf_idx` ON `measures` (`csf_category`);--> statement-breakpoint
CREATE TABLE `risk_csf_categories` (
	`risk_id` integer NOT NULL,
	`category` text NOT NULL,
	PRIMARY KEY(`risk_id`, `category`),
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "risk_csf_categories_check" CHECK("risk_csf_categories"."category" in ('GV.OC', 'GV.RM', 'GV.RR', 'GV.PO', 'GV.OV', 'GV.SC', 'ID.AM', 'ID.RA', 'ID.IM', 'PR.AA', 'PR.AT', 'PR.DS', 'PR.PS', 'PR.IR', 'DE.CM', 'DE.AE', 'RS.MA', 'RS.AN', 'RS.CO', 'RS.MI', 'RC.RP', 'RC.CO'))
);
--> statement-breakpoint
CREATE INDEX `risk_csf_categories_category_idx` ON `risk_csf_categories` (`category`);--> statement-breakpoint
CREATE TABLE `workstream_csf_categories` (
	`workstream_id` integer NOT NULL,
	`category` text NOT NULL,
	PRIMARY KEY(`workstream_id`, `category`),
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "workstream_csf_categories_check" CHECK("workstream_csf_categories"."category" in ('GV.OC', 'GV.RM', 'GV.RR', 'GV.PO', 'GV.OV', 'GV.SC', 'ID.AM', 'ID.RA', 'ID.IM', 'PR.AA', 'PR.AT', 'PR.DS', 'PR.PS', 'PR.IR', 'DE.CM', 'DE.AE', 'RS.MA', 'RS.AN', 'RS.CO', 'RS.MI', 'RC.RP', 'RC.CO'))
);
--> statement-breakpoint
CREATE INDEX `workstream_csf_categories_category_idx` ON `workstream_csf_categories` (`category`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_api_token_scopes` (
	`token_id` integer NOT NULL,
	`scope` text NOT NULL,
	PRIMARY KEY(`token_id`, `scope`),
	FOREIGN KEY (`token_id`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "api_token_scopes_scope_check" CHECK("__new_api_token_scopes"."scope" in ('program', 'workstreams', 'milestones', 'budget', 'risks', 'board-reports', 'measures'))
);
--> statement-breakpoint
INSERT INTO `__new_api_token_scopes`("token_id", "scope") SELECT "token_id", "scope" FROM `api_token_scopes`;--> statement-breakpoint
DROP TABLE `api_token_scopes`;--> statement-breakpoint
ALTER TABLE `__new_api_token_scopes` RENAME TO `api_token_scopes`;--> statement-breakpoint
PRAGMA foreign_keys=ON;