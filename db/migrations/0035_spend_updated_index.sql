CREATE INDEX `actuals_updated_idx` ON `actuals` (`updated_at`);--> statement-breakpoint
CREATE INDEX `commitments_updated_idx` ON `commitments` (`updated_at`);