/**
 * Request body limits, shared by the HTTP layer (server/body-limit.ts, which
 * refuses before anything is parsed) and the form reader (which enforces the
 * same numbers when an action is called directly). See
 * docs/decisions/008-request-limits.md for how they were chosen.
 */

/** Any ordinary form: the largest real one (a risk with every text field full) is well under 100 kB. */
export const FORM_BODY_LIMIT = 256 * 1024;

/** The budget plan grid posts up to 2,000 cells of 8 fields each. */
export const PLAN_GRID_BODY_LIMIT = 1024 * 1024;

/**
 * CSV imports. Milestone, risk and measure-value files are at most 2 MB and may arrive URL-encoded (a `csv` field), where
 * commas and line breaks take three bytes each. The actuals import re-posts its file (at most 8 MB) the same
 * way in its mapping step. Each limit is three times the file limit, rounded up.
 */
export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;
export const ACTUALS_IMPORT_BODY_LIMIT = 24 * 1024 * 1024;

/** Paths whose bodies may exceed FORM_BODY_LIMIT, and by how much. Every other path gets FORM_BODY_LIMIT. */
export const LARGER_BODY_LIMITS: Readonly<Record<string, number>> = {
  "/milestones/import": IMPORT_BODY_LIMIT,
  "/risks/import": IMPORT_BODY_LIMIT,
  "/measures/import": IMPORT_BODY_LIMIT,
  "/budget/actuals/import": ACTUALS_IMPORT_BODY_LIMIT,
  "/budget/plan": PLAN_GRID_BODY_LIMIT,
};

/** A limit as people read it in a refusal: "256 kB", "8 MB". */
export function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} kB`;
}

export function bodyLimitFor(pathname: string): number {
  // With JavaScript on, Remix posts a form to the route's path plus ".data" (single fetch).
  const path = pathname.replace(/\.data$/, "").replace(/(.)\/+$/, "$1");
  return LARGER_BODY_LIMITS[path] ?? FORM_BODY_LIMIT;
}
