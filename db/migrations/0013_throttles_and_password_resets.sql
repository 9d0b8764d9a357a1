CREATE TABLE `password_resets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `password_resets_token_hash_unique` ON `password_resets` (`token_hash`);--> statement-breakpoint
CREATE INDEX `password_resets_user_idx` ON `password_resets` (`user_id`);--> statement-breakpoint
CREATE INDEX `password_resets_created_by_idx` ON `password_resets` (`created_by_id`);--> statement-breakpoint
ALTER TABLE `throttles` ADD `scope` text;--> statement-breakpoint
ALTER TABLE `throttles` ADD `subject` text;--> statement-breakpoint
ALTER TABLE `throttles` ADD `address` text;--> statement-breakpoint
ALTER TABLE `throttles` ADD `blocked_until` text;--> statement-breakpoint
CREATE INDEX `throttles_subject_idx` ON `throttles` (`subject`);--> statement-breakpoint
CREATE INDEX `throttles_updated_idx` ON `throttles` (`updated_at`);