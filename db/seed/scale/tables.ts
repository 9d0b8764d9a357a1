/**
 * Which tables the scale generator multiplies. Per-workstream data is copied
 * once per extra copy of the programme's workstreams; everything that exists
 * once per installation (people, configuration, vendors and contracts, the
 * board's quarterly reports, the audit trail) is not. A test fails when a new
 * table lands in neither list, so nobody's table is silently left out.
 */

/** Copied K−1 times, with ids offset per copy and foreign keys into copied tables shifted with them. */
export const COPIED_TABLES = [
  "workstreams",
  "workstream_csf_functions",
  "milestones",
  "milestone_dependencies", // both ends shift into the same copy: dependencies stay within the copy
  "milestone_baselines", // the re-baselines
  "status_reports", // supersedes_id shifts too, so corrections point into their own copy
  "risks",
  "risk_assessments", // the quarterly re-scores
  "risk_acceptances",
  "risk_workstreams",
  "risk_milestones",
  "engagement_workstreams", // the engagement stays; the copy's workstreams join it
  "budget_lines",
  "commitments",
  "actuals",
  "actual_tags",
  "obligation_workstreams", // the obligation stays; it gains the copy's workstreams and milestones
  "obligation_milestones",
] as const;

/** Kept as the demo wrote them, with the reason. */
export const NOT_COPIED_TABLES: Record<string, string> = {
  users: "people are the same at any scale (workstream copies keep their owners and sponsors)",
  milestone_forecast_changes: "the demo records no re-forecast reasons yet: there is nothing to copy",
  sessions: "sign-ins, not programme data",
  figures_version: "one counter row, moved by triggers as the copies are written",
  oidc_sign_ins: "sign-ins in flight at the OpenID provider, not programme data",
  oidc_pending_links: "single sign-on links awaiting a password, not programme data",
  mfa_recovery_codes: "belongs to an account",
  api_tokens: "belongs to an account",
  // Outcome measures and the CSF profile describe the programme as a whole: a copy of a workstream brings no new measure.
  measures: "programme-level outcome measures, not per workstream",
  measure_workstreams: "links of the programme's measures",
  measure_obligations: "links of the programme's measures",
  measure_targets: "glide paths of the programme's measures",
  measure_values: "values of the programme's measures",
  csf_category_tiers: "one profile per programme",
  workstream_csf_categories: "mapping of the original workstreams",
  risk_csf_categories: "mapping of the original risks",
  // Their histories follow the live links, which are not copied (left to the _history rule, they would follow the copied workstreams and risks).
  measure_workstream_history: "history of the programme's measure links",
  measure_obligation_history: "history of the programme's measure links",
  workstream_csf_category_history: "mapping history of the original workstreams",
  risk_csf_category_history: "mapping history of the original risks",
  api_token_scopes: "belongs to an account's API token",
  password_resets: "belongs to an account",
  throttles: "sign-in throttling state",
  setup_tokens: "one-time set-up links",
  invitations: "account invitations",
  program: "one programme per installation (decision 002)",
  settings: "one set of thresholds and matrices per programme",
  vendors: "the same firms serve every workstream",
  engagements: "contracts are few; copies join them through engagement_workstreams",
  deliverables: "belong to an engagement, which is not copied",
  obligations: "promises to the court and regulator exist once; copies join them through obligation links",
  board_reports: "one report per quarter, whatever the programme's size",
  audit_events: "the chain is appended to through the audit writer, never copied (see audit.ts)",
  audit_checkpoints: "how far the one audit chain has been verified, not programme data",
  notifications: "reminders are derived by the rules when they run (notify:run), not copied",
  outbox: "emails waiting to be sent, never copied",
  notification_preferences: "belongs to an account",
  scheduler_leases: "the reminder scheduler's lock",
  evidence: "evidence rows stand for files on disk; copies of workstreams get no files",
};

export type Classification = { copied: boolean; reason: string };

/**
 * Effective-dated history tables (`<entity>_history`, decision 011) follow
 * their entity: copied when they reference a copied table (milestone_history,
 * risk_history, budget_line_history …), not copied otherwise
 * (setting_history). Returns null for a table in no list and not a history table.
 */
export function classifyTable(name: string, referencedTables: readonly string[]): Classification | null {
  if ((COPIED_TABLES as readonly string[]).includes(name)) return { copied: true, reason: "per-workstream data" };
  const reason = NOT_COPIED_TABLES[name];
  if (reason !== undefined) return { copied: false, reason };
  if (name.endsWith("_history")) {
    const copiedParent = referencedTables.find((t) => (COPIED_TABLES as readonly string[]).includes(t));
    return copiedParent ? { copied: true, reason: `history of ${copiedParent}` } : { copied: false, reason: "history of data that is not copied" };
  }
  return null;
}
