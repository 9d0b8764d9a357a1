/** The register's CSV layout: the columns an import reads, then derived ones an import ignores. */
export const RISK_CSV_INPUT_HEADERS = [
  "code",
  "title",
  "description",
  "category",
  "owner_email",
  "csf_function",
  "inherent_likelihood",
  "inherent_impact",
  "current_likelihood",
  "current_impact",
  "target_likelihood",
  "target_impact",
  "treatment",
  "status",
  "next_review_date",
  "workstreams",
] as const;

export const RISK_CSV_DERIVED_HEADERS = ["inherent_level", "current_level", "target_level", "above_appetite", "acceptance_expired"] as const;

/** Workstream codes travel in one cell, separated by spaces (commas would need quoting in every spreadsheet). */
export const WORKSTREAM_SEPARATOR = " ";
