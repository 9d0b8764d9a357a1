CREATE TABLE `figures_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`changes` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "figures_version_one_row" CHECK("figures_version"."id" = 1)
);
