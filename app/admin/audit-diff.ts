import { canonicalJson } from "~/audit/canonical-json";

/** One changed field of an audit event; a side is absent when the field was added or removed. */
export type DiffEntry = { field: string; before?: string; after?: string };

const MAX_VALUE_LENGTH = 80;

function parse(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function show(value: unknown): string {
  const text = typeof value === "string" ? value : canonicalJson(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** The fields whose values differ between an event's before and after, each shortened for a table cell. */
export function compactDiff(before: string | null, after: string | null): DiffEntry[] {
  const b = parse(before);
  const a = parse(after);
  if (b === undefined && a === undefined) return [];
  if (!isRecord(b) && !isRecord(a)) {
    if (b !== undefined && a !== undefined && canonicalJson(b) === canonicalJson(a)) return [];
    return [{ field: "", ...(b === undefined ? {} : { before: show(b) }), ...(a === undefined ? {} : { after: show(a) }) }];
  }
  const bo = isRecord(b) ? b : {};
  const ao = isRecord(a) ? a : {};
  const fields = [...new Set([...Object.keys(bo), ...Object.keys(ao)])].sort();
  return fields
    .filter((f) => !(f in bo && f in ao) || canonicalJson(bo[f]) !== canonicalJson(ao[f]))
    .map((f) => ({ field: f, ...(f in bo ? { before: show(bo[f]) } : {}), ...(f in ao ? { after: show(ao[f]) } : {}) }));
}
