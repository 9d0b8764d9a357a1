CREATE TABLE `measure_obligation_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`obligation_id` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`obligation_id`) REFERENCES `obligations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measure_obligation_history_measure_idx` ON `measure_obligation_history` (`measure_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `measure_obligation_history_obligation_idx` ON `measure_obligation_history` (`obligation_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `measure_obligation_history_valid_to_idx` ON `measure_obligation_history` (`valid_to`);--> statement-breakpoint
CREATE TABLE `measure_workstream_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`workstream_id` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measure_workstream_history_measure_idx` ON `measure_workstream_history` (`measure_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `measure_workstream_history_workstream_idx` ON `measure_workstream_history` (`workstream_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `measure_workstream_history_valid_to_idx` ON `measure_workstream_history` (`valid_to`);--> statement-breakpoint
CREATE TABLE `risk_csf_category_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`risk_id` integer NOT NULL,
	`category` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "risk_csf_category_history_check" CHECK("risk_csf_category_history"."category" in ('GV.OC', 'GV.RM', 'GV.RR', 'GV.PO', 'GV.OV', 'GV.SC', 'ID.AM', 'ID.RA', 'ID.IM', 'PR.AA', 'PR.AT', 'PR.DS', 'PR.PS', 'PR.IR', 'DE.CM', 'DE.AE', 'RS.MA', 'RS.AN', 'RS.CO', 'RS.MI', 'RC.RP', 'RC.CO'))
);
--> statement-breakpoint
CREATE INDEX `risk_csf_category_history_risk_idx` ON `risk_csf_category_history` (`risk_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `risk_csf_category_history_category_idx` ON `risk_csf_category_history` (`category`);--> statement-breakpoint
CREATE INDEX `risk_csf_category_history_valid_to_idx` ON `risk_csf_category_history` (`valid_to`);--> statement-breakpoint
CREATE TABLE `workstream_csf_category_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workstream_id` integer NOT NULL,
	`category` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`workstream_id`) REFERENCES `workstreams`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "workstream_csf_category_history_check" CHECK("workstream_csf_category_history"."category" in ('GV.OC', 'GV.RM', 'GV.RR', 'GV.PO', 'GV.OV', 'GV.SC', 'ID.AM', 'ID.RA', 'ID.IM', 'PR.AA', 'PR.AT', 'PR.DS', 'PR.PS', 'PR.IR', 'DE.CM', 'DE.AE', 'RS.MA', 'RS.AN', 'RS.CO', 'RS.MI', 'RC.RP', 'RC.CO'))
);
--> statement-breakpoint
CREATE INDEX `workstream_csf_category_history_workstream_idx` ON `workstream_csf_category_history` (`workstream_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `workstream_csf_category_history_category_idx` ON `workstream_csf_category_history` (`category`);--> statement-breakpoint
CREATE INDEX `workstream_csf_category_history_valid_to_idx` ON `workstream_csf_category_history` (`valid_to`);