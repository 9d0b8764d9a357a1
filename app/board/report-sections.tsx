import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { BoardHeatMap } from "~/components/charts/board-heat-map";
import { BoardSpendChart } from "~/components/charts/board-spend-chart";
import { RagBadge } from "~/components/rag-badge";
import { formatCentsShort, humanize } from "~/utils/format";
import type { QuarterDeltas } from "./deltas";
import { narrativeBlocks } from "./narrative-blocks";
import { changeRows, longDate, money, PACK_SECTIONS, spendCommitments, trendText, workstreamHealth } from "./pack/content";
import type { QuarterSnapshot } from "./snapshot.server";

/**
 * The on-screen board report, section for section the PDF pack (app/board/pack):
 * at a glance, the memo, the dashboard, then the appendix (report-appendix.tsx).
 * Wide tables scroll inside their own box, so the page never scrolls sideways
 * on a phone.
 */
export function Section({ id, title, children, level = 2 }: { id: string; title: string; children: ReactNode; level?: 2 | 3 }) {
  const H = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`${id}-heading`} className={level === 2 ? "space-y-4" : "min-w-0 space-y-2 rounded border border-slate-200 bg-white p-3 sm:p-4"}>
      <H id={`${id}-heading`} className={level === 2 ? "border-b-2 border-sky-900 pb-1 text-xl font-semibold" : "text-base font-semibold text-sky-900"}>
        {title}
      </H>
      {children}
    </section>
  );
}

export function TableBox({ children }: { children: ReactNode }) {
  return <div className="max-w-full overflow-x-auto">{children}</div>;
}

export function Glance({ s }: { s: QuarterSnapshot }) {
  const tiles: [string, string][] = [
    ["Spent to date", `${formatCentsShort(s.spend.actualToDateCents)} of ${formatCentsShort(s.spend.planToDateCents)} planned`],
    ["Committed", formatCentsShort(s.spend.committedToDateCents)],
    ["Milestones", `${s.milestones.done} of ${s.milestones.total} done, ${s.milestones.slipped} slipped`],
    ["Open risks", `${s.risks.count}, ${s.risks.aboveAppetite} above appetite`],
  ];
  return (
    <Section id="glance" title={PACK_SECTIONS.glance}>
      {s.health ? (
        <p data-testid="health-overall">
          <RagBadge rag={s.health.overall} label="Overall" />
        </p>
      ) : null}
      <dl className="grid grid-cols-2 gap-2 md:grid-cols-4">
        {tiles.map(([label, value]) => (
          <div key={label} className="rounded border border-slate-200 bg-white p-2">
            <dt className="text-xs uppercase text-slate-600">{label}</dt>
            <dd className="font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

function NarrativeText({ text, testId }: { text: string; testId: string }) {
  const blocks = narrativeBlocks(text);
  return (
    <div className="space-y-2 text-slate-800" data-testid={testId}>
      {blocks.length ? null : <p>—</p>}
      {blocks.map((b, i) =>
        b.kind === "paragraph" ? (
          <p key={i}>{b.text}</p>
        ) : b.kind === "bullets" ? (
          <ul key={i} className="list-disc space-y-1 pl-6">
            {b.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ) : (
          <ol key={i} className="list-decimal space-y-1 pl-6">
            {b.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ol>
        ),
      )}
    </div>
  );
}

export function Memo({ summary, highlights, concerns, decisions }: { summary: string; highlights: string; concerns: string; decisions: string }) {
  const block = (title: string, body: string, testId: string) => (
    <div className="space-y-1">
      <h3 className="font-semibold">{title}</h3>
      <NarrativeText text={body} testId={testId} />
    </div>
  );
  return (
    <Section id="memo" title={PACK_SECTIONS.memo}>
      <div className="space-y-3 rounded border border-slate-200 bg-white p-3 sm:p-4">
        {block("Executive summary", summary, "narrative-summary")}
        {block("Highlights", highlights, "narrative-highlights")}
        {block("Concerns", concerns, "narrative-concerns")}
        {block("Decisions asked of the board", decisions, "narrative-decisions")}
      </div>
    </Section>
  );
}

/** Reasons link to the rows behind them for readers who may open those pages; board members get the text alone. */
function Health({ s, deltas, linkReasons }: { s: QuarterSnapshot; deltas: QuarterDeltas; linkReasons: boolean }) {
  const h = s.health;
  // Snapshots frozen before health was part of them are shown as they are, never recomputed.
  if (!h) return <p className="text-sm text-slate-600">This report's frozen figures do not include the programme health.</p>;
  return (
    <Section id="health" title={PACK_SECTIONS.health} level={3}>
      <p className="flex flex-wrap items-center gap-2">
        <RagBadge rag={h.overall} label="Overall" />
        {(Object.keys(h.dimensions) as Array<keyof typeof h.dimensions>).map((d) => {
          // A dimension added later (outcome) is absent from reports frozen before it.
          const rag = h.dimensions[d];
          return rag ? <RagBadge key={d} rag={rag} label={humanize(d)} /> : null;
        })}
        {deltas.health.before ? (
          <span className="text-sm text-slate-600">
            {deltas.previousQuarter}: {deltas.health.before} ({deltas.health.direction})
          </span>
        ) : null}
      </p>
      <ul className="space-y-2 text-sm">
        {workstreamHealth(s).map((w) => (
          <li key={w.code} className="flex items-start gap-2">
            <RagBadge rag={w.rag} />
            <span className="min-w-0">
              <strong>
                {w.code} {w.name}
              </strong>
              <br />
              <span className="text-slate-700">{linkReasons ? <Link to={`/workstreams/${w.code}`}>{w.reason}</Link> : w.reason}</span>
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Spend({ s }: { s: QuarterSnapshot }) {
  const variance = s.spend.actualToDateCents - s.spend.planToDateCents;
  return (
    <Section id="spend" title={PACK_SECTIONS.spend} level={3}>
      <BoardSpendChart points={s.spendSeries ?? []} title="Cumulative spend against plan" width={400} height={220} />
      <p className="text-sm">
        Actual <strong data-testid="spend-actual">{money(s.spend.actualToDateCents)}</strong> against {money(s.spend.planToDateCents)} planned to date (variance{" "}
        {money(variance)}); {money(s.spend.committedToDateCents)} committed. This quarter {money(s.spend.quarterActualCents)} of{" "}
        {money(s.spend.quarterPlanCents)} planned.
      </p>
      <ul className="space-y-2 text-sm">
        {spendCommitments(s).map((c) => (
          <li key={c.code}>
            <strong>
              {c.code} {c.title}
            </strong>{" "}
            ({c.source}, {c.status})
            <progress className="block h-2 w-full" max={c.targetCents} value={Math.min(c.countedCents, c.targetCents)} aria-label={`${c.code} progress`} />
            <span className="text-xs text-slate-600">
              {money(c.countedCents)} of {money(c.targetCents)} counted, {c.window}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Milestones({ s }: { s: QuarterSnapshot }) {
  const m = s.milestones;
  const tiles: [string, string, string?][] = [
    ["Done", `${m.done} of ${m.total}`, "milestones-done"],
    ["Done this quarter", String(m.doneInQuarter)],
    ["Slipped", String(m.slipped)],
    ["Slipped (first baseline)", m.slippedOriginal === undefined ? "—" : String(m.slippedOriginal), "milestones-slipped-original"],
    ["Overdue", String(m.overdue)],
    ["Re-baselines this qtr", m.rebaselinesInQuarter === undefined ? "—" : String(m.rebaselinesInQuarter), "milestones-rebaselined"],
  ];
  return (
    <Section id="milestones" title={PACK_SECTIONS.milestones} level={3}>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        {tiles.map(([label, value, testId]) => (
          <div key={label} className="rounded bg-slate-100 p-2">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-sm" data-testid="rebaselines-disclosed">
        {s.rebaselines === undefined
          ? "This report's frozen figures predate the list of re-baselines."
          : s.rebaselines.length
            ? `Re-baselines disclosed (${s.rebaselines.length}): ${s.rebaselines
                .map((r) => `${r.milestone} ${r.title}: ${longDate(r.previousDate)} → ${longDate(r.newDate)} (${r.reason})`)
                .join("; ")}.`
            : "No milestone was re-baselined this quarter."}
      </p>
    </Section>
  );
}

function Risks({ s }: { s: QuarterSnapshot }) {
  return (
    <Section id="risks" title={PACK_SECTIONS.risks} level={3}>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,18rem)_minmax(0,1fr)]">
        {s.heatMap ? (
          <BoardHeatMap map={s.heatMap} title="Open risks by likelihood and impact" size={300} />
        ) : (
          <p className="text-sm text-slate-600">This report's frozen figures predate the heat map.</p>
        )}
        {s.topRisks ? (
          <TableBox>
            <table data-testid="top-risks">
              <thead>
                <tr>
                  <th>Top five risks</th>
                  <th>Owner</th>
                  <th>Level (score)</th>
                  <th>Trend this quarter</th>
                  <th>Treatment</th>
                </tr>
              </thead>
              <tbody>
                {s.topRisks.map((r) => (
                  <tr key={r.code}>
                    <td>
                      <span className="font-mono">{r.code}</span> {r.title}
                    </td>
                    <td>{r.owner ?? "—"}</td>
                    <td>
                      {humanize(r.level)} ({r.score}){r.aboveAppetite ? ", above appetite" : ""}
                    </td>
                    <td>{trendText(r)}</td>
                    <td>{humanize(r.treatment)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        ) : (
          <p className="text-sm text-slate-600">This report's frozen figures predate the named top risks.</p>
        )}
      </div>
    </Section>
  );
}

function Changes({ s, deltas, quarter }: { s: QuarterSnapshot; deltas: QuarterDeltas; quarter: string }) {
  return (
    <Section id="changes" title={`${PACK_SECTIONS.changes}${deltas.previousQuarter ? ` (${deltas.previousQuarter})` : ""}`} level={3}>
      {deltas.previousQuarter ? (
        <TableBox>
          <table data-testid="deltas-against">
            <thead>
              <tr>
                <th>Figure</th>
                <th className="text-right">{deltas.previousQuarter}</th>
                <th className="text-right">{quarter}</th>
                <th className="text-right">Change</th>
              </tr>
            </thead>
            <tbody>
              {changeRows(s, deltas).map((r) => (
                <tr key={r.figure}>
                  <td>{r.figure}</td>
                  <td className="text-right tabular-nums">{r.before}</td>
                  <td className="text-right tabular-nums">{r.now}</td>
                  <td className="text-right tabular-nums">{r.change}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      ) : (
        <p className="text-sm text-slate-600">No earlier published report to compare with.</p>
      )}
    </Section>
  );
}

export function Dashboard({ s, deltas, quarter, linkReasons }: { s: QuarterSnapshot; deltas: QuarterDeltas; quarter: string; linkReasons: boolean }) {
  return (
    <Section id="dashboard" title={PACK_SECTIONS.dashboard}>
      <div className="grid gap-4 lg:grid-cols-2">
        <Health s={s} deltas={deltas} linkReasons={linkReasons} />
        <Spend s={s} />
      </div>
      <Milestones s={s} />
      <Risks s={s} />
      <Changes s={s} deltas={deltas} quarter={quarter} />
    </Section>
  );
}
