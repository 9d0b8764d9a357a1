import { RISK_LEVELS, type RiskLevel } from "#db/schema/enums";
import { BoardRiskChart } from "~/components/charts/board-risk-chart";
import { RagBadge } from "~/components/rag-badge";
import { humanize } from "~/utils/format";
import { integrityLine, longDate, money, PACK_SECTIONS, type PackReport, workstreamHealth } from "./pack/content";
import { Section, TableBox } from "./report-sections";
import type { QuarterSnapshot } from "./snapshot.server";

/** The appendix of the on-screen report: the same tables as the PDF's, and the fingerprint. */
export function Appendix({
  s,
  report,
  previousByLevel,
  verified,
}: {
  s: QuarterSnapshot;
  report: PackReport;
  previousByLevel: Record<RiskLevel, number> | null;
  verified: boolean | null;
}) {
  const health = new Map(workstreamHealth(s).map((h) => [h.code, h]));
  const levels: RiskLevel[] = RISK_LEVELS.filter((l) => l in s.risks.byLevel);
  return (
    <Section id="appendix" title={PACK_SECTIONS.appendix}>
      <Section id="ws" title={PACK_SECTIONS.workstreams} level={3}>
        <TableBox>
          <table>
            <thead>
              <tr>
                <th>Workstream</th>
                <th>Health and reason</th>
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
                    <td>
                      {h ? (
                        <>
                          <RagBadge rag={h.rag} label={h.override ? "Override" : undefined} /> {h.reason}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
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
        </TableBox>
      </Section>

      <Section id="obligations" title={PACK_SECTIONS.obligations} level={3}>
        {s.measureEvidence ? (
          <p className="text-sm" data-testid="measures-met-with-evidence">
            Measures met with evidence: <strong>{s.measureEvidence.metWithEvidence}</strong> of {s.measureEvidence.measures} ({s.measureEvidence.inPlace} in
            place; {s.measureEvidence.evidenceMissing} without evidence, {s.measureEvidence.evidenceExpired} with expired evidence).
          </p>
        ) : null}
        {s.obligations.length ? (
          <TableBox>
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
                    <td>{longDate(o.dueDate)}</td>
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
          </TableBox>
        ) : (
          <p className="text-sm text-slate-600">No obligations recorded by {longDate(s.asOfDate)}.</p>
        )}
      </Section>

      <Section id="risk-levels" title={PACK_SECTIONS.riskLevels} level={3}>
        <div className="grid gap-4 md:grid-cols-2">
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <dt>Open risks</dt>
            <dd className="text-right font-semibold tabular-nums" data-testid="risks-count">
              {s.risks.count}
            </dd>
            <dt>Above appetite ({s.programme.riskAppetite})</dt>
            <dd className="text-right font-semibold tabular-nums">{s.risks.aboveAppetite}</dd>
            {levels.map((l) => (
              <div key={l} className="contents">
                <dt>{humanize(l)}</dt>
                <dd className="text-right tabular-nums">{s.risks.byLevel[l]}</dd>
              </div>
            ))}
          </dl>
          <BoardRiskChart byLevel={s.risks.byLevel} previous={previousByLevel} title="Open risks by level" />
        </div>
      </Section>

      <Section id="rebaselines" title={PACK_SECTIONS.rebaselines} level={3}>
        {s.rebaselines === undefined ? (
          <p className="text-sm text-slate-600">This report's frozen figures predate the list of re-baselines.</p>
        ) : s.rebaselines.length ? (
          <TableBox>
            <table>
              <thead>
                <tr>
                  <th>Milestone</th>
                  <th>Re-baselined on</th>
                  <th>From</th>
                  <th>To</th>
                  <th>Reason</th>
                </tr>
              </thead>
              <tbody>
                {s.rebaselines.map((r) => (
                  <tr key={`${r.milestone}-${r.changedOn}-${r.newDate}`}>
                    <td>
                      <span className="font-mono">{r.milestone}</span> {r.title} ({r.workstream})
                    </td>
                    <td>{longDate(r.changedOn)}</td>
                    <td>{longDate(r.previousDate)}</td>
                    <td>{longDate(r.newDate)}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        ) : (
          <p className="text-sm">No milestone was re-baselined this quarter.</p>
        )}
      </Section>

      <Section id="integrity" title={PACK_SECTIONS.integrity} level={3}>
        <p className="text-sm">{integrityLine(report)}</p>
        {report.state === "published" && report.contentHash ? (
          <p className="text-sm">
            SHA-256{" "}
            <code className="break-all" data-testid="content-hash">
              {report.contentHash}
            </code>{" "}
            <strong data-testid="hash-verify" className={verified ? "text-green-800" : "text-red-800"}>
              {verified ? "✓ verified: the stored report matches its fingerprint" : "✗ NOT verified: the stored report does not match its fingerprint"}
            </strong>
          </p>
        ) : null}
      </Section>
    </Section>
  );
}
