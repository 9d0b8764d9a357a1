-- One version per existing link, in force from its owner's creation (links carry no date of their own), as decision 011 back-fills.
INSERT INTO `measure_workstream_history` (`measure_id`, `workstream_id`, `valid_from`, `valid_to`)
SELECT l.`measure_id`, l.`workstream_id`, m.`created_at`, NULL FROM `measure_workstreams` l JOIN `measures` m ON m.`id` = l.`measure_id`;
--> statement-breakpoint
INSERT INTO `measure_obligation_history` (`measure_id`, `obligation_id`, `valid_from`, `valid_to`)
SELECT l.`measure_id`, l.`obligation_id`, m.`created_at`, NULL FROM `measure_obligations` l JOIN `measures` m ON m.`id` = l.`measure_id`;
--> statement-breakpoint
INSERT INTO `workstream_csf_category_history` (`workstream_id`, `category`, `valid_from`, `valid_to`)
SELECT l.`workstream_id`, l.`category`, w.`created_at`, NULL FROM `workstream_csf_categories` l JOIN `workstreams` w ON w.`id` = l.`workstream_id`;
--> statement-breakpoint
INSERT INTO `risk_csf_category_history` (`risk_id`, `category`, `valid_from`, `valid_to`)
SELECT l.`risk_id`, l.`category`, r.`created_at`, NULL FROM `risk_csf_categories` l JOIN `risks` r ON r.`id` = l.`risk_id`;
