import { type SQL, sql } from "drizzle-orm";
import type { Db } from "#db/connection";
import { riskAcceptances, riskAssessments, riskHistory, risks, riskWorkstreamHistory, users, workstreams } from "#db/schema";
import { type CsfFunction, RISK_LEVELS, type RISK_STATUSES, type RISK_TREATMENTS, type RiskLevel } from "#db/schema/enums";
import { asOfInstant } from "~/history/as-of.server";
import { inChunks } from "~/utils/chunks";
import { fiscalQuarterOf, formatQuarter, quarterBounds, quarterRange } from "~/money/fiscal";
import type { RiskFilters } from "~/risks/filters";
import { levelFor, levelsAbove, type RiskMatrix, SCALE } from "~/risks/matrix";
import { appetiteAsOf, getSettingAsOf } from "./settings.server";
import { searchAny } from "~/lists/search.server";
import type { ListParams } from "~/lists/list-params";
import { runPage } from "~/lists/page.server";
import { memoFigure } from "./memo.server";
import { idRangeOf } from "~/exports/id-windows.server";

/**
 * Risk figures, each defined once (docs/figures.md, "Risks"), as of a day D:
 *
 * - A risk exists as of D when a version of it is in force in risk_history at
 *   the end of D (asOfInstant); its status, treatment, owner, CSF function and
 *   inherent and target scores are that version's.
 * - Its current score is its latest assessment dated on or before D (the
 *   inherent score while it has none); its levels are read on the risk matrix
 *   in force at D, and "above appetite" against the appetite in force at D.
 * - Figures (heat maps, above appetite, top risks, totals, trend, rollup
 *   signals, CSF coverage) count risks not closed as of D: a closed risk is no
 *   exposure. The register list still shows closed risks (its status filter).
 * - Links to workstreams are the ones in force at D (risk_workstream_history).
 * - An acceptance counts once decided by the end of D; an approved one holds
 *   through its expiry date. A risk's acceptance has expired when one had been
 *   approved, all approved ones have run out, and the risk is not closed.
 */
type Reader = Pick<Db, "select" | "all">;

export type RiskFigureScope = { asOf: string; filters?: RiskFilters; workstreamId?: number };

/** What a figure is read against on day D: the instant closing D, the matrix and the appetite then. */
/** `only`: the risks a workstream scope can reach, applied before each risk's as-of state is computed (below). */
type Basis = { asOf: string; at: string; matrix: RiskMatrix; appetite: RiskLevel; only?: SQL };

function basis(db: Reader, asOf: string, scope: { workstreamId?: number; filters?: { ws?: string } } = {}): Basis {
  const at = asOfInstant(db, asOf);
  return { asOf, at, matrix: getSettingAsOf(db, "risk_matrix", asOf), appetite: appetiteAsOf(db, asOf), only: linkedOnly(at, scope) };
}

/**
 * For a scope limited to one workstream: the ids of the risks linked to it
 * at the end of D. The outer filter (`linkedTo`) says the same; this copy
 * inside `risksAsOf` lets SQLite compute the as-of state of those risks only,
 * not of the whole register first (90 ms per workstream page at 100x).
 */
function linkedOnly(at: string, scope: { workstreamId?: number; filters?: { ws?: string } }): SQL | undefined {
  const workstream = scopeWorkstream(scope);
  return workstream ? sql`h.risk_id in (select l.risk_id from ${linksInForce(at, workstream)})` : undefined;
}

/** The scope's workstream, by id (a workstream's own page) or by code (the register's filter). */
function scopeWorkstream(scope: { workstreamId?: number; filters?: { ws?: string } }): SQL | undefined {
  if (scope.workstreamId !== undefined) return sql`w.id = ${scope.workstreamId}`;
  if (scope.filters?.ws) return sql`w.code = ${scope.filters.ws}`;
  return undefined;
}

/** Risk-to-workstream links (alias l) in force at the end of D, to the workstream (alias w) `workstream` names. */
const linksInForce = (at: string, workstream: SQL) =>
  sql`${riskWorkstreamHistory} l join ${workstreams} w on w.id = l.workstream_id
    where ${workstream} and l.valid_from < ${at} and (l.valid_to is null or l.valid_to >= ${at})`;

/**
 * The matrix as a portable SQL CASE over a likelihood and an impact
 * expression, so levels are computed inside a query without a user-defined
 * function or a JSON lookup that PostgreSQL spells differently.
 */
export function levelCase(matrix: RiskMatrix, likelihood: SQL | unknown, impact: SQL | unknown): SQL {
  const whens = SCALE.flatMap((l) =>
    SCALE.map((i) => sql`when ${likelihood} = ${sql.raw(String(l))} and ${impact} = ${sql.raw(String(i))} then '${sql.raw(levelFor(matrix, l, i))}'`),
  );
  return sql`(case ${sql.join(whens, sql` `)} end)`;
}

const levelList = (levels: RiskLevel[]) =>
  levels.length
    ? sql.join(
        levels.map((l) => sql`${l}`),
        sql`, `,
      )
    : sql`null`;

/**
 * Every risk as it stood at the end of D, one row each, with camelCase
 * columns: the one place a risk's as-of state (and so its level) is defined.
 */
function risksAsOf(b: Basis): SQL {
  const approvedBy = sql`acc.state = 'approved' and acc.decided_at < ${b.at}`;
  return sql`(select s.*,
      ${levelCase(b.matrix, sql`s."inherentLikelihood"`, sql`s."inherentImpact"`)} as "inherentLevel",
      ${levelCase(b.matrix, sql`s."currentLikelihood"`, sql`s."currentImpact"`)} as "currentLevel",
      ${levelCase(b.matrix, sql`s."targetLikelihood"`, sql`s."targetImpact"`)} as "targetLevel",
      s."currentLikelihood" * s."currentImpact" as "currentScore",
      s."inherentLikelihood" * s."inherentImpact" as "inherentScore",
      case when ${levelCase(b.matrix, sql`s."currentLikelihood"`, sql`s."currentImpact"`)} in (${levelList(levelsAbove(b.appetite))}) then 1 else 0 end as "aboveAppetite",
      case when s.status <> 'closed' and s."nextReviewDate" < ${b.asOf} then 1 else 0 end as "reviewOverdue",
      case when s.status <> 'closed'
        and exists (select 1 from ${riskAcceptances} acc where acc.risk_id = s.id and ${approvedBy} and acc.expires_on < ${b.asOf})
        and not exists (select 1 from ${riskAcceptances} acc where acc.risk_id = s.id and ${approvedBy} and acc.expires_on >= ${b.asOf})
        then 1 else 0 end as "acceptanceExpired",
      (select max(acc.expires_on) from ${riskAcceptances} acc where acc.risk_id = s.id and ${approvedBy} and acc.expires_on < ${b.asOf}) as "expiredOn",
      (select max(acc.expires_on) from ${riskAcceptances} acc where acc.risk_id = s.id and ${approvedBy} and acc.expires_on >= ${b.asOf}) as "acceptedUntil"
    from (select h.risk_id as id, k.code as code, k.title as title, k.description as description, h.category as category,
        h.owner_id as "ownerId", u.name as "ownerName", u.email as "ownerEmail", h.csf_function as "csfFunction",
        h.inherent_likelihood as "inherentLikelihood", h.inherent_impact as "inherentImpact",
        coalesce(a.likelihood, h.inherent_likelihood) as "currentLikelihood", coalesce(a.impact, h.inherent_impact) as "currentImpact",
        h.target_likelihood as "targetLikelihood", h.target_impact as "targetImpact",
        h.treatment as treatment, h.status as status, h.next_review_date as "nextReviewDate"
      from ${riskHistory} h
      join ${risks} k on k.id = h.risk_id
      left join ${users} u on u.id = h.owner_id
      left join ${riskAssessments} a on a.id = (
        select a2.id from ${riskAssessments} a2 where a2.risk_id = h.risk_id and a2.assessed_on <= ${b.asOf}
        order by a2.assessed_on desc, a2.id desc limit 1)
      where h.valid_from < ${b.at} and (h.valid_to is null or h.valid_to >= ${b.at})${b.only ? sql` and ${b.only}` : sql``}) s) r`;
}

/** The risk is linked, at the end of D, to the workstream with this id (or code). */
const linkedTo = (b: Basis, workstream: SQL) => sql`exists (select 1 from ${linksInForce(b.at, workstream)} and l.risk_id = r.id)`;

type Omit = { current?: boolean; inherent?: boolean };

/** WHERE for a scope: the register's filters (a heat map omits its own cell), a workstream, and for figures "not closed". */
function where(b: Basis, scope: RiskFigureScope, opts: { figure: boolean; omit?: Omit }): SQL {
  const f = scope.filters ?? {};
  const omit = opts.omit ?? {};
  const c: SQL[] = [sql`1 = 1`];
  if (opts.figure) c.push(sql`r.status <> 'closed'`);
  if (scope.workstreamId !== undefined) c.push(linkedTo(b, sql`w.id = ${scope.workstreamId}`));
  if (f.level) c.push(sql`r."currentLevel" = ${f.level}`);
  if (f.above) c.push(sql`r."aboveAppetite" = 1`);
  if (f.owner) c.push(sql`r."ownerId" = ${f.owner}`);
  if (f.ws) c.push(linkedTo(b, sql`w.code = ${f.ws}`));
  if (f.overdue) c.push(sql`r."reviewOverdue" = 1`);
  if (f.status) c.push(sql`r.status = ${f.status}`);
  if (f.csf) c.push(sql`r."csfFunction" = ${f.csf}`);
  if (f.expired) c.push(sql`r."acceptanceExpired" = 1`);
  if (!omit.current && f.cl) c.push(sql`r."currentLikelihood" = ${f.cl}`);
  if (!omit.current && f.ci) c.push(sql`r."currentImpact" = ${f.ci}`);
  if (!omit.inherent && f.il) c.push(sql`r."inherentLikelihood" = ${f.il}`);
  if (!omit.inherent && f.ii) c.push(sql`r."inherentImpact" = ${f.ii}`);
  const search = f.q ? searchAny(f.q, [sql`r.code`, sql`r.title`, sql`r.description`]) : undefined;
  if (search) c.push(search);
  return sql.join(c, sql` and `);
}

type RawRow = {
  id: number;
  code: string;
  title: string;
  description: string;
  category: string;
  ownerId: number | null;
  ownerName: string | null;
  ownerEmail: string | null;
  csfFunction: CsfFunction;
  inherentLikelihood: number;
  inherentImpact: number;
  inherentLevel: RiskLevel;
  currentLikelihood: number;
  currentImpact: number;
  currentLevel: RiskLevel;
  targetLikelihood: number;
  targetImpact: number;
  targetLevel: RiskLevel;
  treatment: (typeof RISK_TREATMENTS)[number];
  status: (typeof RISK_STATUSES)[number];
  nextReviewDate: string | null;
  currentScore: number;
  aboveAppetite: number;
  reviewOverdue: number;
  acceptanceExpired: number;
  acceptedUntil: string | null;
};

const ROW_COLUMNS = sql.raw(
  `r.id, r.code, r.title, r.description, r.category, r."ownerId", r."ownerName", r."ownerEmail", r."csfFunction",
   r."inherentLikelihood", r."inherentImpact", r."inherentLevel", r."currentLikelihood", r."currentImpact", r."currentLevel",
   r."targetLikelihood", r."targetImpact", r."targetLevel", r.treatment, r.status, r."nextReviewDate", r."currentScore",
   r."aboveAppetite", r."reviewOverdue", r."acceptanceExpired", r."acceptedUntil"`,
);

function toRow(r: RawRow, links: Map<number, string[]>) {
  return {
    ...r,
    currentScore: Number(r.currentScore),
    aboveAppetite: Boolean(r.aboveAppetite),
    reviewOverdue: Boolean(r.reviewOverdue),
    acceptanceExpired: Boolean(r.acceptanceExpired),
    workstreamCodes: links.get(r.id) ?? [],
  };
}
export type RiskRow = ReturnType<typeof toRow>;

/**
 * Workstream codes linked to each of the given risks at the end of D: one
 * query per 500 risks (a page of the register is one), never one bound
 * variable per risk of the whole register in a single statement.
 */
function workstreamCodesAsOf(db: Reader, b: Basis, riskIds: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  const found = inChunks(riskIds, (chunk) =>
    db.all<{ riskId: number; code: string }>(sql`
      select l.risk_id as "riskId", w.code as code from ${riskWorkstreamHistory} l join ${workstreams} w on w.id = l.workstream_id
      where l.risk_id in (${sql.join(
        chunk.map((id) => sql`${id}`),
        sql`, `,
      )}) and l.valid_from < ${b.at} and (l.valid_to is null or l.valid_to >= ${b.at})
      order by w.code`),
  );
  for (const l of found) map.set(l.riskId, [...(map.get(l.riskId) ?? []), l.code]);
  return map;
}

function rows(db: Reader, b: Basis, condition: SQL, order: SQL, limit?: number): RiskRow[] {
  const found = db.all<RawRow>(sql`select ${ROW_COLUMNS} from ${risksAsOf(b)} where ${condition} order by ${order}${limit ? sql` limit ${limit}` : sql``}`);
  const links = workstreamCodesAsOf(
    db,
    b,
    found.map((r) => r.id),
  );
  return found.map((r) => toRow(r, links));
}

// Risk codes in numeric order (R-99 before R-100 before R-01000): app/utils/code-order.ts.
const BY_CODE = sql.raw(`cast(substr(r.code, ${"R-".length + 1}) as integer) asc, r.code asc`);
const BY_SCORE = sql`r."currentScore" desc, ${BY_CODE}`;

/**
 * The orders the register list offers (app/lists): each a SQL term over the
 * as-of risk row; codes in numeric order, and the code as the tie-breaker so
 * a page never reshuffles.
 */
export const REGISTER_ORDERS = {
  score: (dir: "asc" | "desc") => sql`r."currentScore" ${sql.raw(dir)}, r."inherentScore" ${sql.raw(dir)}`,
  code: (dir: "asc" | "desc") => sql.raw(`cast(substr(r.code, ${"R-".length + 1}) as integer) ${dir}, r.code ${dir}`),
  title: (dir: "asc" | "desc") => sql`lower(r.title) ${sql.raw(dir)}`,
  owner: (dir: "asc" | "desc") => sql`r."ownerName" is null, lower(r."ownerName") ${sql.raw(dir)}`,
  inherent: (dir: "asc" | "desc") => sql`r."inherentScore" ${sql.raw(dir)}`,
  treatment: (dir: "asc" | "desc") => sql`r.treatment ${sql.raw(dir)}`,
  status: (dir: "asc" | "desc") => sql`r.status ${sql.raw(dir)}`,
  review: (dir: "asc" | "desc") => sql`r."nextReviewDate" is null, r."nextReviewDate" ${sql.raw(dir)}`,
} as const;
export type RegisterSort = keyof typeof REGISTER_ORDERS;

/**
 * One page of the register: the count and the page's rows over the same
 * WHERE (so "1–50 of N" is the register's N), then the workstream links of
 * those rows only. Three statements whatever the register's size.
 */
function riskRegisterPageUncached(db: Reader, scope: RiskFigureScope, params: ListParams<RegisterSort>) {
  const b = basis(db, scope.asOf, scope);
  const condition = where(b, scope, { figure: false });
  return runPage(params, {
    count: () => Number(db.all<{ n: number }>(sql`select count(*) as n from ${risksAsOf(b)} where ${condition}`)[0]?.n ?? 0),
    rows: ({ limit, offset }) => {
      const found = db.all<RawRow>(
        sql`select ${ROW_COLUMNS} from ${risksAsOf(b)} where ${condition} order by ${REGISTER_ORDERS[params.sort](params.dir)}, ${BY_CODE} limit ${limit} offset ${offset}`,
      );
      const links = workstreamCodesAsOf(
        db,
        b,
        found.map((r) => r.id),
      );
      return found.map((r) => toRow(r, links));
    },
  });
}

/** The register as of D (closed risks included), filtered, highest current score first. */
export function riskRegister(db: Reader, scope: RiskFigureScope): RiskRow[] {
  const b = basis(db, scope.asOf, scope);
  return rows(db, b, where(b, scope, { figure: false }), BY_SCORE);
}

/**
 * The register's risks with ids in [low, high] (both included): one window
 * of the API's pages (in id order, at most `limit`) or of a streamed export
 * (in register order). The id bounds reach the index on risk_history, so a
 * window costs its own risks only; the as-of columns of the whole register
 * are never computed in one statement.
 */
export function riskRegisterWindow(
  db: Reader,
  scope: RiskFigureScope,
  window: { low: number; high: number },
  order: { by: "id"; limit: number } | { by: "register" },
): RiskRow[] {
  const b = basis(db, scope.asOf, scope);
  const condition = sql`${where(b, scope, { figure: false })} and r.id >= ${window.low} and r.id <= ${window.high}`;
  return order.by === "id" ? rows(db, b, condition, sql`r.id asc`, order.limit) : rows(db, b, condition, BY_SCORE);
}

export type RegisterKey = { id: number; code: string; currentScore: number };

/** The register's risks with ids in [low, high] in id order, at most `limit`: only what its order needs (a streamed export sorts these first). */
export function registerKeysWindow(db: Reader, scope: RiskFigureScope, window: { low: number; high: number }, limit: number): RegisterKey[] {
  const b = basis(db, scope.asOf, scope);
  return db
    .all<RegisterKey>(
      sql`select r.id, r.code, r."currentScore" from ${risksAsOf(b)}
        where ${where(b, scope, { figure: false })} and r.id >= ${window.low} and r.id <= ${window.high} order by r.id limit ${limit}`,
    )
    .map((k) => ({ ...k, currentScore: Number(k.currentScore) }));
}

/**
 * The register order (BY_SCORE: current score, highest first, then the
 * code's number, then the code) over keys already read, as SQLite orders
 * it: `cast(… as integer)` reads the leading digits, 0 when there are none.
 */
export function compareRegisterKeys(a: RegisterKey, b: RegisterKey): number {
  const number = (code: string) => Number.parseInt(code.slice("R-".length), 10) || 0;
  return b.currentScore - a.currentScore || number(a.code) - number(b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Risks of the register by id (500 ids a statement), in the order of `ids`. */
export function registerRowsByIds(db: Reader, scope: RiskFigureScope, ids: number[]): RiskRow[] {
  const b = basis(db, scope.asOf, scope);
  const found = inChunks(ids, (chunk) =>
    rows(
      db,
      b,
      sql`r.id in (${sql.join(
        chunk.map((id) => sql`${id}`),
        sql`, `,
      )})`,
      sql`r.id`,
    ),
  );
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** How many risks of the register match, over ids in [low, high]: the API total and the export's count, a window at a time. */
export function countRegisterWindow(db: Reader, scope: RiskFigureScope, window: { low: number; high: number }): number {
  const b = basis(db, scope.asOf, scope);
  const found = db.all<{ n: number }>(
    sql`select count(*) as n from ${risksAsOf(b)} where ${where(b, scope, { figure: false })} and r.id >= ${window.low} and r.id <= ${window.high}`,
  );
  return Number(found[0]?.n ?? 0);
}

/** The smallest and largest risk id, the range a windowed count or export walks. */
export function riskIdRange(db: Pick<Db, "select">): { low: number; high: number } {
  return idRangeOf(db, risks, risks.id);
}

/**
 * Risks not closed as of D from third-party service providers: "third
 * party", "supplier" or "vendor" in the category or title (the governance
 * disclosure's Item 106(b)(1)(iii)), in register order. Matched in SQL, so
 * only those risks' as-of columns are computed, not the whole register's.
 */
function thirdPartyRisksUncached(db: Reader, scope: { asOf: string }): RiskRow[] {
  const b = basis(db, scope.asOf);
  // `_` is LIKE's any-one-character, as `.` in /third.party/: "third-party", "third party" and "third_party" all match.
  const text = sql`lower(r.category || ' ' || r.title)`;
  return rows(db, b, sql`r.status <> 'closed' and (${text} like '%third_party%' or ${text} like '%supplier%' or ${text} like '%vendor%')`, BY_SCORE);
}

export const thirdPartyRisks = memoFigure("thirdPartyRisks", thirdPartyRisksUncached);

/** One risk as it stood at the end of D (null when it did not exist then). */
export function riskAsOf(db: Reader, scope: { asOf: string; code: string }): RiskRow | null {
  const b = basis(db, scope.asOf);
  return rows(db, b, sql`r.code = ${scope.code}`, BY_SCORE)[0] ?? null;
}

/**
 * Counts per likelihood × impact cell (counts[l-1][i-1]) of the risks not
 * closed as of D, by current or inherent score, under the register's other
 * filters (a cell filter of its own kind is left out so every cell shows its count).
 */
function riskHeatMapUncached(db: Reader, scope: RiskFigureScope & { which: "current" | "inherent" }): number[][] {
  const b = basis(db, scope.asOf, scope);
  const [l, i] = scope.which === "current" ? [sql`r."currentLikelihood"`, sql`r."currentImpact"`] : [sql`r."inherentLikelihood"`, sql`r."inherentImpact"`];
  const cells = db.all<{ l: number; i: number; n: number }>(
    sql`select ${l} as l, ${i} as i, count(*) as n from ${risksAsOf(b)} where ${where(b, scope, { figure: true, omit: { [scope.which]: true } })} group by ${l}, ${i}`,
  );
  const counts = SCALE.map(() => SCALE.map(() => 0));
  for (const c of cells) counts[c.l - 1]![c.i - 1] = Number(c.n);
  return counts;
}

/** The risks not closed as of D with the highest current score (then inherent score, then code). */
function topRisksUncached(db: Reader, scope: RiskFigureScope & { limit: number }): RiskRow[] {
  const b = basis(db, scope.asOf, scope);
  return rows(db, b, where(b, scope, { figure: true }), sql`r."currentScore" desc, r."inherentScore" desc, ${BY_CODE}`, scope.limit);
}

/** The risks not closed as of D whose current level is above the appetite in force at D. */
export function risksAboveAppetite(db: Reader, scope: RiskFigureScope): RiskRow[] {
  const b = basis(db, scope.asOf, scope);
  return rows(db, b, sql`${where(b, scope, { figure: true })} and r."aboveAppetite" = 1`, BY_SCORE);
}

/** Risks not closed as of D whose review date had passed, the longest overdue first. */
function overdueReviewsUncached(db: Reader, scope: RiskFigureScope): RiskRow[] {
  const b = basis(db, scope.asOf, scope);
  return rows(db, b, sql`${where(b, scope, { figure: true })} and r."reviewOverdue" = 1`, sql`r."nextReviewDate" asc, ${BY_CODE}`);
}

export type ExpiredAcceptance = { riskId: number; code: string; title: string; currentLevel: RiskLevel; ownerName: string | null; expiredOn: string };

/** Risks not closed as of D carried on an approved acceptance that had run out by D, with none then in force. */
function expiredAcceptancesUncached(db: Reader, scope: RiskFigureScope): ExpiredAcceptance[] {
  const b = basis(db, scope.asOf, scope);
  return db.all<ExpiredAcceptance>(sql`
    select r.id as "riskId", r.code, r.title, r."currentLevel", r."ownerName", r."expiredOn"
    from ${risksAsOf(b)} where ${where(b, scope, { figure: true })} and r."acceptanceExpired" = 1
    order by r."expiredOn" asc, ${BY_CODE}`);
}

export type RiskSummary = { count: number; byLevel: Record<RiskLevel, number>; scoreSum: number; aboveAppetite: number };

/** Totals of the risks not closed as of D: how many, by current level, the sum of their scores, how many above appetite. */
function riskSummaryUncached(db: Reader, scope: RiskFigureScope): RiskSummary {
  const b = basis(db, scope.asOf, scope);
  const levels = sql.join(
    RISK_LEVELS.map((l) => sql`coalesce(sum(case when r."currentLevel" = ${l} then 1 else 0 end), 0) as ${sql.identifier(l)}`),
    sql`, `,
  );
  const [row] = db.all<Record<string, number>>(sql`
    select count(*) as n, coalesce(sum(r."currentScore"), 0) as score, coalesce(sum(r."aboveAppetite"), 0) as above, ${levels}
    from ${risksAsOf(b)} where ${where(b, scope, { figure: true })}`);
  return {
    count: Number(row?.n ?? 0),
    byLevel: Object.fromEntries(RISK_LEVELS.map((l) => [l, Number(row?.[l] ?? 0)])) as Record<RiskLevel, number>,
    scoreSum: Number(row?.score ?? 0),
    aboveAppetite: Number(row?.above ?? 0),
  };
}

export type TrendPoint = { quarter: string; asOf: string; risks: number; scoreSum: number; byLevel: Record<RiskLevel, number> };

/** Each fiscal quarter from the programme's start to the one holding asOf, ending at its last day (or asOf, for the quarter under way). */
export function trendQuarters(program: { startFiscalYear: number; fiscalYearStartMonth: number }, asOf: string) {
  const fy = program.fiscalYearStartMonth;
  const last = fiscalQuarterOf(asOf, fy);
  return quarterRange({ fiscalYear: program.startFiscalYear, quarter: 1 }, last).map((q) => {
    const { end } = quarterBounds(q, fy);
    return { quarter: formatQuarter(q), end: end < asOf ? end : asOf };
  });
}

/**
 * The programme's risk position at each quarter end: exactly the risk
 * summary as of that day (risks not closed then, scored by their latest
 * assessment by then, levels on the matrix in force then), so a trend point
 * equals the board report and dashboard of that day. One grouped query for
 * every quarter: SQL counts risks per quarter × current likelihood × impact
 * (at most 25 cells a quarter), and each cell's level is read on that
 * quarter's matrix here. Each risk's version then is found by one seek on
 * (risk_id, valid_from): the latest version begun before the instant, in
 * force unless it had ended (versions of a risk never overlap), rather than
 * scanning every version of every risk (a re-score adds one) per quarter.
 */
function riskTrendUncached(db: Reader, scope: { asOf: string; program: { startFiscalYear: number; fiscalYearStartMonth: number } }): TrendPoint[] {
  const quarters = trendQuarters(scope.program, scope.asOf).map((q) => ({ ...q, at: asOfInstant(db, q.end) }));
  if (!quarters.length) return [];
  const ends = sql.join(
    quarters.map((q) => sql`select ${q.quarter} as quarter, ${q.end} as as_of, ${q.at} as at`),
    sql` union all `,
  );
  const cells = db.all<{ quarter: string; l: number; i: number; n: number }>(sql`
    with ends as (${ends})
    select e.quarter as quarter, coalesce(a.likelihood, h.inherent_likelihood) as l, coalesce(a.impact, h.inherent_impact) as i, count(*) as n
    from ends e
    cross join ${risks} k
    join ${riskHistory} h on h.id = (
      select h2.id from ${riskHistory} h2 where h2.risk_id = k.id and h2.valid_from < e.at
      order by h2.valid_from desc, h2.id desc limit 1)
    left join ${riskAssessments} a on a.id = (
      select a2.id from ${riskAssessments} a2 where a2.risk_id = k.id and a2.assessed_on <= e.as_of
      order by a2.assessed_on desc, a2.id desc limit 1)
    where (h.valid_to is null or h.valid_to >= e.at) and h.status <> 'closed'
    group by e.quarter, coalesce(a.likelihood, h.inherent_likelihood), coalesce(a.impact, h.inherent_impact)`);
  return quarters.map((q) => {
    const matrix = getSettingAsOf(db, "risk_matrix", q.end);
    const byLevel = Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as Record<RiskLevel, number>;
    let risks = 0;
    let scoreSum = 0;
    for (const c of cells) {
      if (c.quarter !== q.quarter) continue;
      const n = Number(c.n);
      risks += n;
      scoreSum += c.l * c.i * n;
      byLevel[levelFor(matrix, c.l, c.i)] += n;
    }
    return { quarter: q.quarter, asOf: q.end, risks, scoreSum, byLevel };
  });
}

/** The link's workstream, when a rollup signal is read for one workstream only. */
const onlyWorkstream = (scope: { workstreamId?: number }) => (scope.workstreamId === undefined ? sql`1 = 1` : sql`l.workstream_id = ${scope.workstreamId}`);

/** Per workstream linked at D: its risks not closed and above appetite then (the rollup's risk reasons). */
export function risksAboveAppetiteByWorkstream(db: Reader, scope: { asOf: string; workstreamId?: number }) {
  const b = basis(db, scope.asOf, scope);
  return db.all<{ workstreamId: number; id: number; code: string; title: string; level: RiskLevel; score: number }>(sql`
    select l.workstream_id as "workstreamId", r.id, r.code, r.title, r."currentLevel" as level, r."currentScore" as score
    from ${risksAsOf(b)} join ${riskWorkstreamHistory} l on l.risk_id = r.id and l.valid_from < ${b.at} and (l.valid_to is null or l.valid_to >= ${b.at})
    where r.status <> 'closed' and r."aboveAppetite" = 1 and ${onlyWorkstream(scope)}
    order by l.workstream_id, r."currentScore" desc, ${BY_CODE}`);
}

/** Per workstream linked at D: its risks not closed whose acceptance had expired by D (the rollup's red reasons). */
export function expiredAcceptancesByWorkstream(db: Reader, scope: { asOf: string; workstreamId?: number }) {
  const b = basis(db, scope.asOf, scope);
  return db.all<{ workstreamId: number; riskId: number; riskCode: string; riskTitle: string; expiresOn: string }>(sql`
    select l.workstream_id as "workstreamId", r.id as "riskId", r.code as "riskCode", r.title as "riskTitle", r."expiredOn" as "expiresOn"
    from ${risksAsOf(b)} join ${riskWorkstreamHistory} l on l.risk_id = r.id and l.valid_from < ${b.at} and (l.valid_to is null or l.valid_to >= ${b.at})
    where r.status <> 'closed' and r."acceptanceExpired" = 1 and ${onlyWorkstream(scope)}
    order by l.workstream_id, ${BY_CODE}`);
}

/** The matrix and appetite in force at the end of D, for a view that draws levels and says what the appetite was. */
export function riskSettingsAsOf(db: Reader, asOf: string): { matrix: RiskMatrix; appetite: RiskLevel } {
  const { matrix, appetite } = basis(db, asOf);
  return { matrix, appetite };
}

export const riskHeatMap = memoFigure("riskHeatMap", riskHeatMapUncached);

export const topRisks = memoFigure("topRisks", topRisksUncached);

export const riskSummary = memoFigure("riskSummary", riskSummaryUncached);

export const expiredAcceptances = memoFigure("expiredAcceptances", expiredAcceptancesUncached);

export const riskTrend = memoFigure("riskTrend", riskTrendUncached);

export const riskRegisterPage = memoFigure("riskRegisterPage", riskRegisterPageUncached);

export const overdueReviews = memoFigure("overdueReviews", overdueReviewsUncached);
