import { Link } from "@remix-run/react";
import { RISK_LEVELS, type RiskLevel } from "#db/schema/enums";
import { BoardRiskChart } from "~/components/charts/board-risk-chart";
import { BoardSpendChart } from "~/components/charts/board-spend-chart";
import { RagBadge } from "~/components/rag-badge";
import { formatCents, humanize } from "~/utils/format";
import { type Delta, formatChange, type QuarterDeltas } from "./deltas";
import type { QuarterSnapshot } from "./snapshot.server";

const money = (n: number) => formatCents(n);

type Better = "lower" | "higher";

/** A change is coloured only where a direction is plainly better (fewer slipped milestones); spending more is neither. */
function Change({ d, format = String, better }: { d: Delta; format?: (n: number) => string; better?: Better }) {
  const good = !better || d.change === null || d.change === 0 ? null : d.change < 0 === (better === "lower");
  const tone = good === null ? "text-slate-500" : good ? "text-green-800" : "text-red-800";
  return <span className={`text-xs ${tone}`}>{formatChange(d.change, format)}</span>;
}

function Figure({
  label,
  value,
  d,
  format,
  better,
  testId,
}: {
  label: string;
  value: string;
  d?: Delta;
  format?: (n: number) => string;
  better?: Better;
  testId?: string;
}) {
  return (
    <div className="rounded border border-slate-200 p-3">
      <dt className="text-xs uppercase text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {d ? (
        <dd>
          <Change d={d} format={format} better={better} />
        </dd>
      ) : null}
    </div>
  );
}

export function Narrative({ summary, highlights, concerns, decisions }: { summary: string; highlights: string; concerns: string; decisions: string }) {
  const block = (title: string, body: string, testId: string) => (
    <div>
      <h3 className="font-semibold">{title}</h3>
      <p className="whitespace-pre-line text-slate-800" data-testid={testId}>
        {body || "—"}
      </p>
    </div>
  );
  return (
    <section aria-labelledby="narrative-heading" className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id="narrative-heading" className="text-lg font-semibold">
        Narrative
      </h2>
      {block("Summary", summary, "narrative-summary")}
      {block("Highlights", highlights, "narrative-highlights")}
      {block("Concerns", concerns, "narrative-concerns")}
      {block("Decisions asked of the board", decisions, "narrative-decisions")}
    </section>
  );
}

/** Reasons link to the rows behind them for readers who may open those pages; board members get the text alone. */
export function HealthSection({ s, deltas, linkReasons }: { s: QuarterSnapshot; deltas: QuarterDeltas; linkReasons: boolean }) {
  const h = s.health;
  // Snapshots frozen before health was part of them are shown as they are, never recomputed.
  if (!h) return <p className="text-sm text-slate-600">This report's frozen figures do not include the programme health.</p>;
  return (
    <section aria-labelledby="health-heading" className="page-break space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id="health-heading" className="text-lg font-semibold">
        Programme health
      </h2>
      <p data-testid="health-overall">
        <RagBadge rag={h.overall} label="Overall" />{" "}
        {deltas.health.before ? (
          <span className="text-sm text-slate-600">
            {deltas.previousQuarter}: {deltas.health.before} ({deltas.health.direction})
          </span>
        ) : null}
      </p>
      <p className="flex flex-wrap gap-2">
        {(Object.keys(h.dimensions) as Array<keyof typeof h.dimensions>).map((d) => {
          const rag = h.dimensions[d];
          return rag ? <RagBadge key={d} rag={rag} label={humanize(d)} /> : null;
        })}
      </p>
      {h.reasons.length ? (
        <ul className="list-disc pl-6 text-sm">
          {h.reasons.map((r) => (
            <li key={r.text}>
              <RagBadge rag={r.rag} /> {linkReasons ? <Link to={r.href}>{r.text}</Link> : r.text}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">Every workstream is green.</p>
      )}
    </section>
  );
}

export function SpendSection({ s, deltas }: { s: QuarterSnapshot; deltas: QuarterDeltas }) {
  const variance = s.spend.actualToDateCents - s.spend.planToDateCents;
  return (
    <section aria-labelledby="spend-heading" className="page-break space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id="spend-heading" className="text-lg font-semibold">
        Spend to {s.asOfDate}
      </h2>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Figure label="Plan to date" value={money(s.spend.planToDateCents)} d={deltas.spend.planToDate} format={money} />
        <Figure label="Actual to date" value={money(s.spend.actualToDateCents)} d={deltas.spend.actualToDate} format={money} testId="spend-actual" />
        <Figure label="Committed to date" value={money(s.spend.committedToDateCents)} d={deltas.spend.committedToDate} format={money} />
        <Figure label="Variance (actual − plan)" value={money(variance)} d={deltas.spend.variance} format={money} />
      </dl>
      <p className="text-sm text-slate-600">
        This quarter: {money(s.spend.quarterActualCents)} spent of {money(s.spend.quarterPlanCents)} planned. Total programme plan{" "}
        {money(s.spend.totalPlanCents)}.
      </p>
      <BoardSpendChart points={s.spendSeries ?? []} title="Cumulative spend against plan" />
    </section>
  );
}

export function MilestonesSection({ s, deltas }: { s: QuarterSnapshot; deltas: QuarterDeltas }) {
  const m = s.milestones;
  return (
    <section aria-labelledby="milestones-heading" className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id="milestones-heading" className="text-lg font-semibold">
        Milestones
      </h2>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Figure label="Done" value={String(m.done)} d={deltas.milestones.done} better="higher" testId="milestones-done" />
        <Figure label="Open" value={String(m.open)} d={deltas.milestones.open} />
        <Figure label="Slipped" value={String(m.slipped)} d={deltas.milestones.slipped} better="lower" />
        <Figure label="Overdue" value={String(m.overdue)} d={deltas.milestones.overdue} better="lower" />
        <Figure label="Done this quarter" value={String(m.doneInQuarter)} />
        {m.slippedOriginal !== undefined ? (
          <Figure label="Slipped vs original baseline" value={String(m.slippedOriginal)} testId="milestones-slipped-original" />
        ) : null}
        {m.rebaselined !== undefined ? (
          <Figure label="Re-baselined" value={`${m.rebaselined} (${m.rebaselinesInQuarter ?? 0} this quarter)`} testId="milestones-rebaselined" />
        ) : null}
      </dl>
    </section>
  );
}

export function RisksSection({ s, deltas, previousByLevel }: { s: QuarterSnapshot; deltas: QuarterDeltas; previousByLevel: Record<RiskLevel, number> | null }) {
  const levels: RiskLevel[] = RISK_LEVELS.filter((l) => l in s.risks.byLevel);
  return (
    <section aria-labelledby="risks-heading" className="page-break space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id="risks-heading" className="text-lg font-semibold">
        Risks
      </h2>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-6">
        <Figure label="Open risks" value={String(s.risks.count)} d={deltas.risks.count} better="lower" testId="risks-count" />
        <Figure label={`Above appetite (${s.programme.riskAppetite})`} value={String(s.risks.aboveAppetite)} d={deltas.risks.aboveAppetite} better="lower" />
        {levels.map((l) => (
          <Figure
            key={l}
            label={humanize(l)}
            value={String(s.risks.byLevel[l])}
            d={deltas.risks.byLevel[l]}
            better={l === "high" || l === "critical" ? "lower" : undefined}
          />
        ))}
      </dl>
      <BoardRiskChart byLevel={s.risks.byLevel} previous={previousByLevel} title="Open risks by level" />
    </section>
  );
}

export function ObligationsSection({ s }: { s: QuarterSnapshot }) {
  return (
    <section aria-labelledby="obligations-heading" className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id="obligations-heading" className="text-lg font-semibold">
        Obligations
      </h2>
      {s.obligations.length ? (
        <table>
          <thead>
            <tr>
              <th>Obligation</th>
              <th>Source</th>
              <th>Due</th>
              <th>Status</th>
              <th className="text-right">Progress</th>
            </tr>
          </thead>
          <tbody>
            {s.obligations.map((o) => (
              <tr key={o.code}>
                <td>
                  <span className="font-mono">{o.code}</span> {o.title}
                </td>
                <td>{humanize(o.source)}</td>
                <td>{o.dueDate ?? "—"}</td>
                <td>{humanize(o.status)}</td>
                <td className="text-right tabular-nums">
                  {o.kind === "spend"
                    ? `${money(o.countedCents ?? 0)} of ${money(o.targetCents ?? 0)}`
                    : `${o.milestonesDone} of ${o.milestonesTotal} milestones`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">No obligations recorded by {s.asOfDate}.</p>
      )}
    </section>
  );
}

export function WorkstreamsSection({ s }: { s: QuarterSnapshot }) {
  const health = new Map((s.health?.workstreams ?? []).map((w) => [w.code, w]));
  return (
    <section aria-labelledby="ws-heading" className="page-break space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id="ws-heading" className="text-lg font-semibold">
        Workstreams
      </h2>
      <table>
        <thead>
          <tr>
            <th>Workstream</th>
            <th>Health</th>
            <th className="text-right">Plan to date</th>
            <th className="text-right">Actual to date</th>
            <th className="text-right">Done</th>
            <th className="text-right">Open</th>
            <th className="text-right">Slipped</th>
          </tr>
        </thead>
        <tbody>
          {s.workstreams.map((w) => {
            const h = health.get(w.code);
            return (
              <tr key={w.code} data-testid={`board-ws-${w.code}`}>
                <td>
                  <span className="font-mono">{w.code}</span> {w.name}
                </td>
                <td>{h ? <RagBadge rag={h.overall} label={h.override ? "Override" : undefined} /> : "—"}</td>
                <td className="text-right tabular-nums">{money(w.planToDateCents)}</td>
                <td className="text-right tabular-nums">{money(w.actualToDateCents)}</td>
                <td className="text-right tabular-nums">{w.milestonesDone}</td>
                <td className="text-right tabular-nums">{w.milestonesOpen}</td>
                <td className="text-right tabular-nums">{w.milestonesSlipped}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
