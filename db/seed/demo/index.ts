/**
 * The demo programme: a large US wireless carrier's Cybersecurity
 * Transformation Programme after the August 2021 breach (an exposed test
 * router, a flat test environment, brute-forced servers and stored
 * credentials; data of more than 50 million people taken). Mandiant
 * investigates and plans, KPMG reviews policies and controls, Accenture
 * implements; the class-action settlement adds $150M of security spend in
 * 2022–2023 and FCC consent decree DA 24-860 (September 2024) adds $15.75M
 * over two years plus ten measures. Nine workstreams run FY2022–FY2027.
 *
 * Demo time: the plan is fixed in calendar time (milestone-plan.ts,
 * engagement-plan.ts, ledger.ts, risk-register.ts) and cut by `today`:
 * completions, submitted reports, invoices, commitments, re-assessments and
 * published board reports stop at `today`; forecasts, plans and open work run
 * past it. Works for any `today` from 2024-01-01 to 2028-12-31.
 *
 * Determinism: no Math.random and no clock. Randomness comes from seeded
 * mulberry32 streams (random.ts) and every timestamp is derived from the
 * data's own dates, so two seeds with the same `today` write identical rows,
 * except users.password_hash (random passwords) and the audit event.
 */
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { program, settings } from "#db/schema";
import type { Role } from "#db/schema/enums";
import { canonicalJson } from "~/audit/canonical-json";
import { writeAudit } from "~/audit/log.server";
import { hashPassword } from "~/auth/password.server";
import { SETTINGS } from "~/settings/schemas";
import { recordSettingVersion } from "~/settings/settings.server";
import { insertBoardReports } from "./board-reports";
import { insertEngagements } from "./engagements";
import { insertEvidence } from "./evidence";
import { insertMeasures } from "./measures";
import { insertMilestones } from "./milestones";
import { insertMoney } from "./money";
import { insertObligations } from "./obligations";
import { emailOf, insertPeople, PEOPLE } from "./people";
import { insertRisks } from "./risks";
import { insertStatusReports } from "./status-reports";
import { at, DEMO_TIME_ZONE, FIRST_FISCAL_YEAR, FY_START_MONTH, LAST_FISCAL_YEAR, PLAN_APPROVED, stamps, type Tx } from "./support";
export { DEMO_TIME_ZONE } from "./support";
import { insertWorkstreams } from "./workstreams";

export type DemoCredential = { role: Role; email: string; name: string; password: string };

const ROLE_ORDER: Role[] = ["admin", "ciso_office", "workstream_lead", "executive", "board"];

/** 120 random bits as 24 base32 characters. */
function randomPassword(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(15)));
}

/**
 * When the CISO office tightened the staleness limit: monthly reporting had
 * settled after the first year, so 45 days without a report became too lenient.
 */
const STALENESS_TIGHTENED = "2023-07-03";

/**
 * The settings as the story went, in setting_history: the defaults from plan
 * approval (the staleness limit at first 45 days, tightened to the default 35
 * on STALENESS_TIGHTENED), and the programme's appetite, medium throughout.
 * The live `settings` rows hold the last version.
 */
function insertSettings(tx: Tx, today: string) {
  const tightened = today >= STALENESS_TIGHTENED;
  tx.insert(settings)
    .values(
      (Object.keys(SETTINGS) as (keyof typeof SETTINGS)[]).map((key) => ({
        key,
        value: canonicalJson(SETTINGS[key].defaults),
        ...stamps(PLAN_APPROVED, key === "rag_thresholds" && tightened ? STALENESS_TIGHTENED : PLAN_APPROVED, "08:00"),
        version: key === "rag_thresholds" && tightened ? 2 : 1,
      })),
    )
    .run();
  for (const key of Object.keys(SETTINGS) as (keyof typeof SETTINGS)[]) {
    const first = key === "rag_thresholds" ? { ...SETTINGS.rag_thresholds.defaults, staleReportDays: 45 } : SETTINGS[key].defaults;
    recordSettingVersion(tx, key, canonicalJson(first), at(PLAN_APPROVED, "08:00"));
    if (key === "rag_thresholds" && tightened) recordSettingVersion(tx, key, canonicalJson(SETTINGS[key].defaults), at(STALENESS_TIGHTENED, "16:00"));
  }
  recordSettingVersion(tx, "risk_appetite", JSON.stringify("medium"), at(PLAN_APPROVED, "08:00"));
}

function insertProgramme(tx: Tx, today: string): number {
  const row = tx
    .insert(program)
    .values({
      name: "Cybersecurity Transformation Programme",
      description:
        "Multi-year programme run by the Cybersecurity Transformation Office, reporting to the CEO, to remove the root causes of the August 2021 breach " +
        "(an internet-exposed test router, test environments connected to production, brute-forceable logins and stored credentials) that exposed the personal data " +
        "of more than 50 million current, former and prospective customers; and to meet the $150M 2022–2023 spend commitment of the class-action settlement " +
        "and the spend and measures of FCC consent decree DA 24-860. Partners: Mandiant, KPMG, Accenture.",
      startFiscalYear: FIRST_FISCAL_YEAR,
      endFiscalYear: LAST_FISCAL_YEAR,
      currency: "USD",
      fiscalYearStartMonth: FY_START_MONTH,
      timeZone: DEMO_TIME_ZONE,
      riskAppetite: "medium",
      ...stamps(PLAN_APPROVED, PLAN_APPROVED, "08:00"),
    })
    .returning({ id: program.id })
    .get();
  insertSettings(tx, today);
  return row.id;
}

const COUNTED_TABLES = [
  "users",
  "workstreams",
  "milestones",
  "milestone_baselines",
  "milestone_dependencies",
  "vendors",
  "engagements",
  "deliverables",
  "budget_lines",
  "commitments",
  "actuals",
  "actual_tags",
  "obligations",
  "risks",
  "risk_assessments",
  "risk_acceptances",
  "status_reports",
  "board_reports",
] as const;

function countRows(tx: Tx, today: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    counts[table] = tx.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)).n;
  }
  const extra = tx.get<Record<string, number>>(sql`
    select
      (select count(*) from milestones where status <> 'cancelled' and coalesce(actual_date, forecast_date, baseline_date) > baseline_date) as milestones_slipped,
      (select count(distinct milestone_id) from milestone_baselines) as milestones_rebaselined,
      (select count(*) from milestones where status in ('not_started', 'in_progress') and forecast_date < ${today}) as milestones_overdue,
      (select count(*) from board_reports where state = 'published') as board_reports_published,
      (select count(*) from status_reports where state = 'submitted') as status_reports_submitted,
      (select coalesce(sum(amount_cents), 0) from budget_lines) as plan_cents,
      (select coalesce(sum(amount_cents), 0) from actuals) as actual_cents,
      (select coalesce(sum(amount_cents), 0) from commitments) as committed_cents,
      (select coalesce(sum(a.amount_cents), 0) from actuals a join actual_tags t on t.actual_id = a.id and t.tag = 'settlement') as settlement_cents,
      (select coalesce(sum(a.amount_cents), 0) from actuals a join actual_tags t on t.actual_id = a.id and t.tag = 'fcc-decree') as fcc_decree_cents`);
  return { ...counts, ...extra };
}

export async function seedDemo(db: Db, options: { today: string }): Promise<{ credentials: DemoCredential[]; counts: Record<string, number> }> {
  const { today } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
    throw new RangeError(`today must be an ISO date (YYYY-MM-DD), got ${today}`);
  }
  if (today < "2022-01-01") throw new RangeError("The demo programme starts in 2022: today must be 2022-01-01 or later");

  const credentialed = ROLE_ORDER.map((role) => {
    const p = PEOPLE.find((x) => x.role === role && x.credentialed);
    if (!p) throw new Error(`No credentialed demo account for ${role}`);
    return { role, email: emailOf(p), name: p.name, password: randomPassword() };
  });
  const hashes = new Map(await Promise.all(credentialed.map(async (c) => [c.email, await hashPassword(c.password)] as const)));

  const counts = db.transaction((tx) => {
    const programId = insertProgramme(tx, today);
    const people = insertPeople(tx, hashes);
    const workstreamIds = insertWorkstreams(tx, today, people);
    const milestoneIds = insertMilestones(tx, today, people, workstreamIds);
    const engagementIds = insertEngagements(tx, today, people, workstreamIds, milestoneIds);
    insertMoney(tx, today, workstreamIds, engagementIds);
    insertObligations(tx, today, people, workstreamIds, milestoneIds);
    insertEvidence(tx, today, people);
    const histories = insertRisks(tx, today, people, workstreamIds, milestoneIds);
    insertMeasures(tx, today, people, workstreamIds);
    insertStatusReports(tx, today, people, workstreamIds, histories);
    insertBoardReports(tx, today, people);
    const counts = countRows(tx, today);
    writeAudit(tx, { actorId: null }, { action: "demo.seed", entity: "program", entityId: programId, after: counts });
    return counts;
  });
  return { credentials: credentialed, counts };
}
