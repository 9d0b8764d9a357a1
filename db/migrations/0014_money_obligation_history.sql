CREATE TABLE `budget_line_history` (
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
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_lines`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `budget_line_history_line_idx` ON `budget_line_history` (`budget_line_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `budget_line_history_valid_idx` ON `budget_line_history` (`valid_from`,`valid_to`);--> statement-breakpoint
CREATE TABLE `obligation_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`obligation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`target_cents` integer,
	`window_start` text,
	`window_end` text,
	`spend_tag` text,
	`spend_category` text,
	`due_date` text,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`obligation_id`) REFERENCES `obligations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `obligation_history_obligation_idx` ON `obligation_history` (`obligation_id`,`valid_from`);