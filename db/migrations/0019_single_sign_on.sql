CREATE TABLE `oidc_pending_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`issuer` text NOT NULL,
	`subject` text NOT NULL,
	`role` text NOT NULL,
	`provider_mfa` integer NOT NULL,
	`session_ends_at` text NOT NULL,
	`redirect_to` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `oidc_pending_links_user_idx` ON `oidc_pending_links` (`user_id`);--> statement-breakpoint
CREATE TABLE `oidc_sign_ins` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`nonce` text NOT NULL,
	`redirect_to` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text
);
--> statement-breakpoint
CREATE INDEX `oidc_sign_ins_expires_idx` ON `oidc_sign_ins` (`expires_at`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `auth_method` text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `provider_mfa` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `oidc_issuer` text;--> statement-breakpoint
ALTER TABLE `users` ADD `oidc_subject` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_oidc_unique` ON `users` (`oidc_issuer`,`oidc_subject`);