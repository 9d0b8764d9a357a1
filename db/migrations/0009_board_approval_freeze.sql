ALTER TABLE `board_reports` ADD `approval_hash` text;--> statement-breakpoint
ALTER TABLE `board_reports` ADD `content_hash_scope` text DEFAULT 'figures' NOT NULL;--> statement-breakpoint
ALTER TABLE `board_reports` ADD `early_publication_reason` text;