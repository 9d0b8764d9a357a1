/**
 * The facts Rampart pre-fills into a monthly report (milestones done, due
 * next, overdue) sit in a marked block inside the text, so a refresh can
 * replace them after a re-forecast while leaving what the lead wrote alone.
 */
export const FACTS_START = "[Facts from Rampart";
export const FACTS_END = "[End of facts]";

export type ReportFacts = {
  asOf: string;
  done: Array<{ code: string; title: string; date: string }>;
  dueNext: Array<{ code: string; title: string; date: string }>;
  overdue: Array<{ code: string; title: string; date: string }>;
};

function block(heading: string, asOf: string, lines: string[]): string {
  return [`${FACTS_START}, ${asOf}] ${heading}`, ...(lines.length ? lines : ["- none"]), FACTS_END].join("\n");
}

export function accomplishmentsFacts(f: ReportFacts): string {
  return block(
    "Milestones done this month:",
    f.asOf,
    f.done.map((m) => `- ${m.code} ${m.title} (done ${m.date})`),
  );
}

export function nextStepsFacts(f: ReportFacts): string {
  return block("Milestones overdue or due in the next 30 days:", f.asOf, [
    ...f.overdue.map((m) => `- ${m.code} ${m.title} (overdue, was due ${m.date})`),
    ...f.dueNext.map((m) => `- ${m.code} ${m.title} (due ${m.date})`),
  ]);
}

/** Puts `facts` in place of the text's facts block, or before the text when it has none; the lead's own text is kept as typed. */
export function withFacts(text: string, facts: string): string {
  const start = text.indexOf(FACTS_START);
  const end = start === -1 ? -1 : text.indexOf(FACTS_END, start);
  if (start === -1 || end === -1) return text.trim() ? `${facts}\n\n${text}` : facts;
  return `${text.slice(0, start)}${facts}${text.slice(end + FACTS_END.length)}`;
}
