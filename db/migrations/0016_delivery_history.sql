CREATE TABLE `milestone_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`milestone_id` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	`status` text NOT NULL,
	`baseline_date` text NOT NULL,
	`forecast_date` text,
	`actual_date` text,
	`critical_path` integer NOT NULL,
	`weight` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `milestone_history_milestone_idx` ON `milestone_history` (`milestone_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `milestone_history_workstream_idx` ON `milestone_history` (`workstream_id`);--> statement-breakpoint
CREATE INDEX `milestone_history_valid_idx` ON `milestone_history` (`valid_from`,`valid_to`);--> statement-breakpoint
CREATE TABLE `workstream_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workstream_id` integer NOT NULL,
	`lifecycle_status` text NOT NULL,
	`rag_override` text,
	`rag_override_reason` text,
	`rag_override_expires_on` text,
	`owner_id` integer,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workstream_history_workstream_idx` ON `workstream_history` (`workstream_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `workstream_history_owner_idx` ON `workstream_history` (`owner_id`);--> statement-breakpoint
ALTER TABLE `milestones` ADD `original_baseline_date` text;