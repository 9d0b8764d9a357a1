CREATE TABLE `audit_checkpoints` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_event_id` integer NOT NULL,
	`last_hash` text NOT NULL,
	`event_count` integer NOT NULL,
	`verified_at` text NOT NULL,
	`broken_event_id` integer,
	`broken_reason` text,
	`broken_at` text
);
