CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_kind` text NOT NULL,
	`parent_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`evidence_date` text NOT NULL,
	`expires_on` text,
	`file_name` text NOT NULL,
	`file_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by_id` integer NOT NULL,
	`uploaded_at` text NOT NULL,
	`previous_id` integer,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`previous_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "evidence_parent_kind_check" CHECK("evidence"."parent_kind" in ('obligation', 'deliverable', 'milestone', 'risk_acceptance', 'board_report')),
	CONSTRAINT "evidence_file_type_check" CHECK("evidence"."file_type" in ('pdf', 'docx', 'xlsx', 'pptx', 'ole', 'zip', 'png', 'jpeg', 'gif', 'webp', 'tiff', 'csv', 'text')),
	CONSTRAINT "evidence_size_check" CHECK("evidence"."size_bytes" > 0),
	CONSTRAINT "evidence_sha256_check" CHECK(length("evidence"."sha256") = 64),
	CONSTRAINT "evidence_expiry_check" CHECK("evidence"."expires_on" is null or "evidence"."expires_on" > "evidence"."evidence_date")
);
--> statement-breakpoint
CREATE INDEX `evidence_parent_idx` ON `evidence` (`parent_kind`,`parent_id`);--> statement-breakpoint
CREATE INDEX `evidence_sha256_idx` ON `evidence` (`sha256`);--> statement-breakpoint
CREATE INDEX `evidence_expires_idx` ON `evidence` (`expires_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_previous_unique` ON `evidence` (`previous_id`);