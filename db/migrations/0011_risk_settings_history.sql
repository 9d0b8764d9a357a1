CREATE TABLE `setting_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text
);
--> statement-breakpoint
CREATE INDEX `setting_history_key_idx` ON `setting_history` (`key`,`valid_from`);--> statement-breakpoint
CREATE TABLE `risk_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`risk_id` integer NOT NULL,
	`status` text NOT NULL,
	`treatment` text NOT NULL,
	`owner_id` integer,
	`csf_function` text NOT NULL,
	`category` text NOT NULL,
	`inherent_likelihood` integer NOT NULL,
	`inherent_impact` integer NOT NULL,
	`target_likelihood` integer NOT NULL,
	`target_impact` integer NOT NULL,
	`next_review_date` text,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_history_risk_idx` ON `risk_history` (`risk_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `risk_history_owner_idx` ON `risk_history` (`owner_id`);--> statement-breakpoint
CREATE TABLE `risk_milestone_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`risk_id` integer NOT NULL,
	`milestone_id` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `risk_milestone_history_risk_idx` ON `risk_milestone_history` (`risk_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `risk_milestone_history_milestone_idx` ON `risk_milestone_history` (`milestone_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `risk_workstream_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`risk_id` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `risk_workstream_history_risk_idx` ON `risk_workstream_history` (`risk_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `risk_workstream_history_workstream_idx` ON `risk_workstream_history` (`workstream_id`,`valid_from`);