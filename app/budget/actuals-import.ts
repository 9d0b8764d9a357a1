import { isoDate } from "~/utils/iso-date";
import { z } from "zod";
import { COST_CATEGORIES, COST_CLASSES, type CostCategory, type CostClass } from "#db/schema/enums";
import { parseAmountToCents } from "~/money/cents";

/**
 * Finance exports name their columns as they like; the person importing
 * says which CSV column holds which field. Reference, date, amount,
 * workstream, category and cost class are required; the rest optional.
 */
export const IMPORT_FIELDS = [
  { name: "reference", label: "Invoice reference", required: true, guess: /^(ref|reference|invoice|invoice.?(no|number|ref))/i },
  { name: "date", label: "Date (YYYY-MM-DD)", required: true, guess: /date/i },
  { name: "amount", label: "Amount", required: true, guess: /amount|value|total|usd/i },
  { name: "workstream", label: "Workstream code", required: true, guess: /workstream|ws/i },
  { name: "category", label: "Category", required: true, guess: /categ/i },
  { name: "costClass", label: "Cost class (capex/opex)", required: true, guess: /class|capex|opex/i },
  { name: "engagement", label: "Engagement SOW", required: false, guess: /sow|engagement|contract/i },
  { name: "description", label: "Description", required: false, guess: /desc|memo|narrative/i },
  { name: "tags", label: "Funding tags", required: false, guess: /tag|funding/i },
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number]["name"];
export type ColumnMapping = Partial<Record<ImportField, string>>;

export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

/** A mapping guessed from the header names, for the person to confirm. */
export function guessMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  for (const f of IMPORT_FIELDS) {
    const h = headers.find((x) => !taken.has(x) && f.guess.test(x));
    if (h) {
      mapping[f.name] = h;
      taken.add(h);
    }
  }
  return mapping;
}

/** Problems with the mapping itself, keyed by field. */
export function mappingErrors(mapping: ColumnMapping, headers: string[]): Partial<Record<ImportField, string>> {
  const errors: Partial<Record<ImportField, string>> = {};
  const used = new Map<string, ImportField>();
  for (const f of IMPORT_FIELDS) {
    const col = mapping[f.name];
    if (!col) {
      if (f.required) errors[f.name] = `Choose the column that holds the ${f.label.toLowerCase()}.`;
      continue;
    }
    if (!headers.includes(col)) errors[f.name] = `The file has no column "${col}".`;
    else if (used.has(col)) errors[f.name] = `Column "${col}" is already mapped to ${used.get(col)}.`;
    else used.set(col, f.name);
  }
  return errors;
}

export type ImportRow = {
  reference: string;
  date: string;
  amountCents: number;
  workstreamId: number;
  engagementId: number | null;
  category: CostCategory;
  costClass: CostClass;
  description: string;
  tags: string[];
};

const TAG = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * The zod schema for one CSV record under a mapping. Keys are the CSV
 * column names, so every error names the column the person sees.
 */
export function importRowSchema(
  mapping: ColumnMapping,
  lookups: { workstreamIdByCode: Map<string, number>; engagementIdBySow: Map<string, number>; dateRange: { from: string; to: string } },
) {
  const col = (f: ImportField) => mapping[f]!;
  const shape: Record<string, z.ZodType> = {
    [col("reference")]: z.string().min(1, "The reference is empty.").max(100, "The reference is longer than 100 characters."),
    [col("date")]: isoDate("Date").refine((d) => d >= lookups.dateRange.from && d <= lookups.dateRange.to, {
      message: `The date must fall between ${lookups.dateRange.from} and ${lookups.dateRange.to}, the programme's range for actuals.`,
    }),
    [col("amount")]: z.string().transform((v, ctx) => {
      const cents = parseAmountToCents(v);
      if (cents == null) ctx.addIssue({ code: "custom", message: `"${v}" is not an amount like 1234.56 or 1,234.56.` });
      else if (cents < 0) ctx.addIssue({ code: "custom", message: "Negative amounts (credit notes) cannot be imported as actuals." });
      return cents ?? 0;
    }),
    [col("workstream")]: z.string().transform((v, ctx) => {
      const id = lookups.workstreamIdByCode.get(v.toUpperCase());
      if (!id) ctx.addIssue({ code: "custom", message: `No workstream with code "${v}".` });
      return id ?? 0;
    }),
    [col("category")]: z.string().transform((v, ctx) => {
      const c = v.toLowerCase() === "labor" ? "labour" : v.toLowerCase();
      if (!(COST_CATEGORIES as readonly string[]).includes(c))
        ctx.addIssue({ code: "custom", message: `Category must be one of ${COST_CATEGORIES.join(", ")}.` });
      return c as CostCategory;
    }),
    [col("costClass")]: z.string().transform((v, ctx) => {
      const c = v.toLowerCase();
      if (!(COST_CLASSES as readonly string[]).includes(c)) ctx.addIssue({ code: "custom", message: "Cost class must be capex or opex." });
      return c as CostClass;
    }),
  };
  if (mapping.engagement) {
    shape[mapping.engagement] = z.string().transform((v, ctx) => {
      if (!v) return null;
      const id = lookups.engagementIdBySow.get(v);
      if (!id) ctx.addIssue({ code: "custom", message: `No engagement with SOW reference "${v}".` });
      return id ?? null;
    });
  }
  if (mapping.description) shape[mapping.description] = z.string().max(500, "The description is longer than 500 characters.");
  if (mapping.tags) {
    shape[mapping.tags] = z.string().transform((v, ctx) => {
      const tags = [
        ...new Set(
          v
            .split(/[;|,\s]+/)
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean),
        ),
      ];
      const bad = tags.filter((t) => !TAG.test(t));
      if (bad.length) ctx.addIssue({ code: "custom", message: `Invalid tag(s): ${bad.join(", ")} (lower-case letters, digits and dashes).` });
      return tags;
    });
  }
  return z.object(shape).transform((r): ImportRow => ({
    reference: r[col("reference")] as string,
    date: r[col("date")] as string,
    amountCents: r[col("amount")] as number,
    workstreamId: r[col("workstream")] as number,
    category: r[col("category")] as CostCategory,
    costClass: r[col("costClass")] as CostClass,
    engagementId: mapping.engagement ? ((r[mapping.engagement] as number | null) ?? null) : null,
    description: mapping.description ? (r[mapping.description] as string) : "",
    tags: mapping.tags ? (r[mapping.tags] as string[]) : [],
  }));
}

export type ExistingActual = { reference: string; date: string; amountCents: number; workstreamId: number };

/**
 * Sorts validated rows into new ones and ones already imported. A reference
 * repeated inside the file, or already stored with a different date, amount
 * or workstream, is an error: that is a clash, not a re-import.
 */
export function classifyRows(rows: Array<{ line: number; value: ImportRow }>, existing: Map<string, ExistingActual>, referenceColumn: string) {
  const fresh: Array<{ line: number; value: ImportRow }> = [];
  const already: Array<{ line: number; value: ImportRow }> = [];
  const errors: Array<{ line: number; column: string | null; message: string }> = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const ref = r.value.reference;
    const first = seen.get(ref);
    if (first) {
      errors.push({ line: r.line, column: referenceColumn, message: `Reference "${ref}" also appears on line ${first}.` });
      continue;
    }
    seen.set(ref, r.line);
    const stored = existing.get(ref);
    if (!stored) fresh.push(r);
    else if (stored.date === r.value.date && stored.amountCents === r.value.amountCents && stored.workstreamId === r.value.workstreamId) already.push(r);
    else errors.push({ line: r.line, column: referenceColumn, message: `Reference "${ref}" is already recorded with a different date, amount or workstream.` });
  }
  return { fresh, already, errors };
}
