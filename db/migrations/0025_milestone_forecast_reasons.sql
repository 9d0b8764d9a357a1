CREATE TABLE `milestone_forecast_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`milestone_id` integer NOT NULL,
	`previous_date` text,
	`new_date` text,
	`reason` text NOT NULL,
	`changed_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `milestone_forecast_changes_milestone_idx` ON `milestone_forecast_changes` (`milestone_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `milestone_forecast_changes_user_idx` ON `milestone_forecast_changes` (`changed_by_id`);