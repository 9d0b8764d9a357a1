import { formatCents, humanize } from "~/utils/format";
import { longDate } from "~/board/pack/content";
import type { DisclosureSources } from "./sources.server";

/**
 * The draft narrative of SEC Regulation S-K Item 106 (cybersecurity risk
 * management, strategy and governance), one statement at a time, each citing
 * the rows that support it so counsel can check every sentence. Where the
 * data cannot speak (integration with enterprise risk management, whether an
 * effect is material) the draft says so in brackets for counsel to complete:
 * those are legal judgements, not figures.
 */
export type Source = {
  kind: "engagement" | "board_report" | "obligation" | "risk" | "workstream" | "person" | "setting";
  ref: string;
  label: string;
  href: string | null;
};
export type Statement = { text: string; sources: Source[] };
export type DisclosureSection = { id: string; item: string; title: string; statements: Statement[] };

const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/**
 * Names in running text: every one up to NAMED_IN_TEXT, else the first ones
 * (the caller's order: the highest scored risks first) and how many others.
 * A narrative naming 1,400 risks or 900 workstream leads (100x the demo)
 * is not a draft counsel can use; every one of them is still a source.
 */
export const NAMED_IN_TEXT = 10;
const listSome = (items: string[], others: string) =>
  items.length <= NAMED_IN_TEXT
    ? list(items)
    : `${items.slice(0, NAMED_IN_TEXT - 1).join(", ")} and ${(items.length - NAMED_IN_TEXT + 1).toLocaleString("en-US")} other ${others}`;

const workstreamSource = (w: DisclosureSources["workstreams"][number]): Source => ({
  kind: "workstream",
  ref: w.code,
  label: `${w.code} ${w.name}`,
  href: `/workstreams/${w.code}`,
});

/** Third-party assurance work: a statement for one workstream, one for all of them when there are several. */
function thirdPartyWork(ws: DisclosureSources["workstreams"]): Statement[] {
  if (!ws.length) return [];
  const [only] = ws;
  if (ws.length === 1 && only)
    return [
      {
        text: `Third-party assurance is a workstream of the programme (${only.code} ${only.name}), led by ${only.owner ?? "a named lead"}.`,
        sources: [workstreamSource(only)],
      },
    ];
  return [
    {
      text: `Third-party assurance is carried by ${ws.length.toLocaleString("en-US")} workstreams of the programme: ${listSome(
        ws.map((w) => `${w.code} ${w.name}, led by ${w.owner ?? "a named lead"}`),
        "workstreams",
      )}.`,
      sources: ws.map(workstreamSource),
    },
  ];
}

export function disclosureSections(d: DisclosureSources): DisclosureSection[] {
  const obligation = (o: DisclosureSources["obligations"][number]): Source => ({
    kind: "obligation",
    ref: o.code,
    label: `${o.code} ${o.title}`,
    href: `/obligations/${o.code}`,
  });
  const report = (r: DisclosureSources["reports"][number]): Source => ({
    kind: "board_report",
    ref: r.quarter,
    label: `Board report ${r.quarter}, published ${r.publishedOn ?? "—"}`,
    href: `/board/${r.quarter}`,
  });
  const engagement = (e: DisclosureSources["engagements"][number]): Source => ({
    kind: "engagement",
    ref: e.sowReference,
    label: `${e.vendor}: ${e.title} (${e.sowReference})`,
    href: `/engagements/${e.id}`,
  });
  const risk = (r: DisclosureSources["thirdPartyRisks"][number]): Source => ({
    kind: "risk",
    ref: r.code,
    label: `${r.code} ${r.title}`,
    href: `/risks/${r.code}`,
  });
  const person = (p: DisclosureSources["people"][number]): Source => ({
    kind: "person",
    ref: String(p.id),
    label: `${p.name} (${humanize(p.role)})`,
    href: null,
  });
  const ciso = d.people.filter((p) => p.role === "ciso_office");
  const executives = d.people.filter((p) => p.role === "executive");
  const spendObligations = d.obligations.filter((o) => o.kind === "spend" && o.targetCents !== null);
  const regulatory = d.obligations.filter((o) => o.source !== "board");
  const boardObligations = d.obligations.filter((o) => o.source === "board" || /board/i.test(o.title));
  const byVendor = new Map<string, DisclosureSources["engagements"]>();
  for (const e of d.engagements) byVendor.set(e.vendor, [...(byVendor.get(e.vendor) ?? []), e]);
  const levels = Object.entries(d.risks.byLevel)
    .filter(([, n]) => n > 0)
    .map(([l, n]) => `${n} ${l}`);

  return [
    {
      id: "processes",
      item: "Item 106(b)(1)",
      title: "Risk management and strategy: processes",
      statements: [
        {
          text: `We assess, identify and manage material risks from cybersecurity threats through a risk register maintained by the Cybersecurity Transformation Office. As of ${longDate(d.asOf)} it held ${d.risks.count} open risks (${list(levels)}), each with a named owner, a treatment and a scheduled review, scored for likelihood and impact on a five-by-five matrix.`,
          sources: [{ kind: "setting", ref: "risk_matrix", label: "Risk register and matrix", href: "/risks" }],
        },
        {
          text: `Management has set a risk appetite of "${d.appetite}": a risk above it must be treated or carried on a time-limited acceptance approved by an executive. ${d.risks.aboveAppetite} risks were above the appetite as of ${longDate(d.asOf)}.`,
          sources: [{ kind: "setting", ref: "risk_appetite", label: `Risk appetite (${d.appetite})`, href: "/risks?above=1" }],
        },
        {
          text: `These processes are carried out through a security programme of ${d.workstreams.length} workstreams, each led by a named manager and reporting monthly on milestones, spend and risks. [Counsel: describe how the cybersecurity risk register is integrated into the company's overall enterprise risk management process.]`,
          sources: d.workstreams.map(workstreamSource),
        },
      ],
    },
    {
      id: "third-parties",
      item: "Item 106(b)(1)(ii)",
      title: "Assessors, consultants, auditors and other third parties",
      statements: [...byVendor.entries()].map(([vendor, rows]) => ({
        text: `We engaged ${vendor} for ${list(rows.map((e) => `${humanize(e.kind).toLowerCase()} (${e.title}, ${longDate(e.startDate)} to ${longDate(e.endDate)})`))}.`,
        sources: rows.map(engagement),
      })),
    },
    {
      id: "third-party-risk",
      item: "Item 106(b)(1)(iii)",
      title: "Oversight of risks from third-party service providers",
      statements: [
        {
          text: d.thirdPartyRisks.length
            ? `Risks from third-party service providers are recorded in the same register and managed the same way; as of ${longDate(d.asOf)} these included ${listSome(
                d.thirdPartyRisks.map((r) => `"${r.title}" (${r.currentLevel}, owned by ${r.ownerName ?? "an unassigned owner"})`),
                "risks",
              )}.`
            : `No open risk from a third-party service provider was recorded as of ${longDate(d.asOf)}.`,
          sources: d.thirdPartyRisks.map(risk),
        },
        ...thirdPartyWork(d.workstreams.filter((w) => /third.party|supplier|vendor/i.test(w.name))),
      ],
    },
    {
      id: "material-effects",
      item: "Item 106(b)(2)",
      title: "Material effects of cybersecurity threats and incidents",
      statements: [
        ...spendObligations.map((o) => ({
          text: `Under the ${humanize(o.source).toLowerCase()}, we committed to ${formatCents(o.targetCents ?? 0)} of spend (${o.title}); ${formatCents(o.spend?.progressCents ?? 0)} had been counted by ${longDate(d.asOf)} (${humanize(o.assessedStatus).toLowerCase()}).`,
          sources: [obligation(o)],
        })),
        {
          text: `We remain subject to ${regulatory.length} obligations arising from regulatory settlements and orders, of which ${regulatory.filter((o) => o.assessedStatus === "met").length} were met as of ${longDate(d.asOf)}. [Counsel: state whether any cybersecurity threat or incident has materially affected, or is reasonably likely to materially affect, the company's business strategy, results of operations or financial condition.]`,
          sources: regulatory.map(obligation),
        },
      ],
    },
    {
      id: "board-oversight",
      item: "Item 106(c)(1)",
      title: "The board's oversight of risks from cybersecurity threats",
      statements: [
        {
          text: d.reports.length
            ? `The board is informed each quarter by a written report on the programme's health, spend against plan and commitments, milestones and the top risks; for fiscal ${d.fiscalYear} reports were published to the board on ${list(d.reports.map((r) => `${longDate(r.publishedOn)} (${r.quarter})`))}, each approved by an executive before publication.`
            : `No board report was published for fiscal ${d.fiscalYear} as of ${longDate(d.asOf)}.`,
          sources: d.reports.map(report),
        },
        ...(boardObligations.length
          ? [
              {
                text: `The board has set standing requirements of management: ${list(boardObligations.map((o) => o.title))}.`,
                sources: boardObligations.map(obligation),
              },
            ]
          : []),
        {
          text: "[Counsel: name the board committee responsible for cybersecurity oversight, if any.]",
          sources: [],
        },
      ],
    },
    {
      id: "management",
      item: "Item 106(c)(2)",
      title: "Management's role in assessing and managing cybersecurity risks",
      statements: [
        {
          text: `The Cybersecurity Transformation Office (${list(ciso.map((p) => p.name)) || "no named member"}) runs the programme, maintains the risk register and drafts the quarterly board report; ${list(executives.map((p) => p.name)) || "the executives"} approve each board report and every acceptance of a risk above the appetite.`,
          sources: [...ciso, ...executives].map(person),
        },
        {
          text: `Each workstream is led by a named manager accountable for its milestones and risks: ${listSome(
            d.workstreams.filter((w) => w.owner).map((w) => `${w.owner} (${w.code})`),
            "workstream leads",
          )}. [Counsel: describe the relevant expertise of these persons and the reporting line of the CISO.]`,
          sources: d.workstreams.map(workstreamSource),
        },
      ],
    },
  ];
}

/** Sources listed under a statement on the page; the Markdown draft lists them all. */
export const SOURCES_ON_PAGE = 12;

/** The draft as the page shows it: each statement's first sources and how many more the Markdown draft lists. */
export function sectionsForPage(sections: DisclosureSection[]) {
  return sections.map((s) => ({
    ...s,
    statements: s.statements.map((st) => ({
      text: st.text,
      sources: st.sources.slice(0, SOURCES_ON_PAGE),
      moreSources: Math.max(0, st.sources.length - SOURCES_ON_PAGE),
    })),
  }));
}

/** The draft as Markdown for counsel: each statement followed by the rows behind it. */
export function disclosureMarkdown(d: DisclosureSources, sections: DisclosureSection[], origin: string): string {
  const lines = [
    `# Cybersecurity risk management, strategy and governance — draft for fiscal ${d.fiscalYear}`,
    "",
    `Drafted by Rampart from ${d.programme.name} data as of ${longDate(d.asOf)} for counsel to edit (SEC Regulation S-K Item 106). Bracketed passages ask for facts and judgements the data cannot supply.`,
    "",
  ];
  for (const s of sections) {
    lines.push(`## ${s.title} (${s.item})`, "");
    for (const st of s.statements) {
      lines.push(st.text, "");
      if (st.sources.length) lines.push(`Sources: ${st.sources.map((src) => (src.href ? `[${src.label}](${origin}${src.href})` : src.label)).join("; ")}`, "");
    }
  }
  return lines.join("\n");
}
