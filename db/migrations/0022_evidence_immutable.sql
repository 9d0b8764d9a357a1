-- Evidence rows are immutable (a new version is a new row): refuse UPDATE and DELETE at the database.
CREATE TRIGGER `evidence_no_update` BEFORE UPDATE ON `evidence`
BEGIN
  SELECT RAISE(ABORT, 'evidence: rows are immutable; upload a new version instead');
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_no_delete` BEFORE DELETE ON `evidence`
BEGIN
  SELECT RAISE(ABORT, 'evidence: rows are immutable and are never deleted');
END;
