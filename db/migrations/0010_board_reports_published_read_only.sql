-- A published board report is what the board received: the database itself refuses to change or remove it,
-- whatever path the SQL comes from (its frozen snapshot lives in the same row).
CREATE TRIGGER `board_reports_published_no_update` BEFORE UPDATE ON `board_reports`
WHEN OLD.`state` = 'published'
BEGIN
  SELECT RAISE(ABORT, 'board_reports: a published report cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `board_reports_published_no_delete` BEFORE DELETE ON `board_reports`
WHEN OLD.`state` = 'published'
BEGIN
  SELECT RAISE(ABORT, 'board_reports: a published report cannot be deleted');
END;
