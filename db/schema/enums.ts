// Every closed vocabulary of the domain, in one place, so zod schemas, CHECK
// constraints and UI labels cannot drift apart.

export const ROLES = ["admin", "ciso_office", "workstream_lead", "executive", "board"] as const;
export type Role = (typeof ROLES)[number];

export const LIFECYCLE_STATUSES = ["planned", "active", "on_hold", "done", "cancelled"] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

export const RAGS = ["green", "amber", "red"] as const;
export type Rag = (typeof RAGS)[number];

/** NIST CSF 2.0 functions. */
export const CSF_FUNCTIONS = ["govern", "identify", "protect", "detect", "respond", "recover"] as const;
export type CsfFunction = (typeof CSF_FUNCTIONS)[number];

export const MILESTONE_STATUSES = ["not_started", "in_progress", "done", "cancelled"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const REPORT_STATES = ["draft", "submitted"] as const;

export const ENGAGEMENT_KINDS = ["incident_response", "advisory", "assessment", "red_team", "managed_service", "implementation"] as const;
export const ENGAGEMENT_STATUSES = ["planned", "active", "completed", "terminated"] as const;
export const DELIVERABLE_STATUSES = ["pending", "submitted", "accepted", "rejected"] as const;

export const COST_CLASSES = ["capex", "opex"] as const;
export const COST_CATEGORIES = ["labour", "vendor", "tooling", "other"] as const;
export type CostClass = (typeof COST_CLASSES)[number];
export type CostCategory = (typeof COST_CATEGORIES)[number];

export const OBLIGATION_SOURCES = ["settlement", "consent_decree", "regulator", "board"] as const;
export const OBLIGATION_KINDS = ["spend", "measure"] as const;
export const OBLIGATION_STATUSES = ["not_started", "in_progress", "at_risk", "met", "missed"] as const;

export const RISK_LEVELS = ["low", "medium", "high", "critical"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_TREATMENTS = ["mitigate", "accept", "transfer", "avoid"] as const;
export const RISK_STATUSES = ["open", "monitoring", "closed"] as const;
export const ACCEPTANCE_STATES = ["requested", "approved", "rejected", "withdrawn"] as const;

export const BOARD_REPORT_STATES = ["draft", "in_review", "approved", "published"] as const;

/** The read-only areas of /api/v1 a personal token may be limited to; each API route declares the one it serves. */
export const API_SCOPES = ["program", "workstreams", "milestones", "budget", "risks", "board-reports", "measures"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
