PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_budget_line_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_line_id` integer NOT NULL,
	`fiscal_year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	`cost_class` text NOT NULL,
	`category` text NOT NULL,
	`engagement_id` integer,
	`amount_cents` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_lines`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_budget_line_history`("id", "budget_line_id", "fiscal_year", "quarter", "workstream_id", "cost_class", "category", "engagement_id", "amount_cents", "valid_from", "valid_to") SELECT "id", "budget_line_id", "fiscal_year", "quarter", "workstream_id", "cost_class", "category", "engagement_id", "amount_cents", "valid_from", "valid_to" FROM `budget_line_history`;--> statement-breakpoint
DROP TABLE `budget_line_history`;--> statement-breakpoint
ALTER TABLE `__new_budget_line_history` RENAME TO `budget_line_history`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `budget_line_history_line_idx` ON `budget_line_history` (`budget_line_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `budget_line_history_valid_idx` ON `budget_line_history` (`valid_from`,`valid_to`);--> statement-breakpoint
CREATE INDEX `budget_line_history_workstream_idx` ON `budget_line_history` (`workstream_id`);--> statement-breakpoint
CREATE INDEX `budget_line_history_engagement_idx` ON `budget_line_history` (`engagement_id`);