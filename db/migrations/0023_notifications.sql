CREATE TABLE `notification_preferences` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`email_mode` text DEFAULT 'daily' NOT NULL,
	`time_zone` text,
	`last_digest_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "notification_preferences_mode_check" CHECK("notification_preferences"."email_mode" in ('immediate', 'daily', 'weekly', 'off'))
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`rule` text NOT NULL,
	`subject_key` text NOT NULL,
	`title` text NOT NULL,
	`link` text NOT NULL,
	`due_date` text,
	`urgency` text NOT NULL,
	`first_notified_at` text NOT NULL,
	`last_notified_at` text NOT NULL,
	`read_at` text,
	`dismissed_at` text,
	`resolved_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "notifications_urgency_check" CHECK("notifications"."urgency" in ('overdue', 'due'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_user_rule_subject_unique` ON `notifications` (`user_id`,`rule`,`subject_key`);--> statement-breakpoint
CREATE INDEX `notifications_user_open_idx` ON `notifications` (`user_id`,`resolved_at`,`read_at`);--> statement-breakpoint
CREATE INDEX `notifications_rule_idx` ON `notifications` (`rule`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text NOT NULL,
	`html_body` text NOT NULL,
	`sensitive` integer DEFAULT false NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`claim_token` text,
	`claimed_until` text,
	`sent_at` text,
	`last_error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "outbox_state_check" CHECK("outbox"."state" in ('pending', 'sent', 'failed')),
	CONSTRAINT "outbox_kind_check" CHECK("outbox"."kind" in ('reminder', 'digest', 'invitation', 'password_reset'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_id_unique` ON `outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_state_next_idx` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_user_idx` ON `outbox` (`user_id`);--> statement-breakpoint
CREATE TABLE `scheduler_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`lease_until` text NOT NULL,
	`last_run_at` text
);
