import { z } from "zod";
import { CSF_CATEGORIES, MEASURE_CADENCES, MEASURE_DIRECTIONS, MEASURE_KINDS, MEASURE_UNITS, type MeasureUnit } from "#db/schema/measures";
import { isPeriod } from "./periods";
import { parseMeasureValue } from "./units";

export const MAX_TARGET_POINTS = 120;

const amount = (label: string) => z.string().trim().max(30, `${label} is too long.`);

/** The create/edit form of a measure (CISO office). Amounts are typed in the unit and stored scaled (app/measures/units.ts). */
export const MeasureFormSchema = z
  .object({
    version: z.coerce.number().int().min(0).default(0),
    key: z
      .string({ error: "Enter a key." })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z][A-Z0-9-]{1,23}$/, "Use 2–24 letters, digits and hyphens, starting with a letter (e.g. MFA-PRIV).")
      // These name pages under /measures (URLs match without case), so no measure may take them.
      .refine((k) => !["NEW", "VALUES", "IMPORT"].includes(k), "This key names a page; choose another."),
    name: z.string({ error: "Enter a name." }).trim().min(3, "Use at least 3 characters.").max(200, "Use at most 200 characters."),
    definition: z.string().trim().max(4000, "Use at most 4,000 characters.").default(""),
    unit: z.enum(MEASURE_UNITS, { error: "Choose a unit." }),
    direction: z.enum(MEASURE_DIRECTIONS, { error: "Choose whether higher or lower is better." }),
    kind: z.enum(MEASURE_KINDS, { error: "Choose KPI or KRI." }),
    cadence: z.enum(MEASURE_CADENCES, { error: "Choose a cadence." }).default("monthly"),
    csfCategory: z.enum(CSF_CATEGORIES, { error: "Choose a CSF 2.0 category." }),
    ownerId: z.coerce.number().int().positive().optional(),
    amberTolerance: amount("The amber tolerance").default("0"),
    redTolerance: amount("The red tolerance").default("0"),
    appetite: amount("The appetite").optional(),
    boardKey: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
    workstreams: z.array(z.string().trim().max(20)).max(50).default([]),
    obligations: z.array(z.string().trim().max(20)).max(50).default([]),
    targets: z.string().max(6000, "Too many glide-path points.").default(""),
  })
  .transform((v, ctx) => {
    const scaled = (field: "amberTolerance" | "redTolerance" | "appetite", text: string | undefined) => {
      if (text === undefined || text === "") return null;
      const n = parseMeasureValue(text, v.unit);
      if (n === null) ctx.addIssue({ code: "custom", path: [field], message: `Not a ${v.unit} amount: ${text}` });
      else if (n < 0 && field !== "appetite") ctx.addIssue({ code: "custom", path: [field], message: "Use 0 or more." });
      return n;
    };
    const amberTolerance = scaled("amberTolerance", v.amberTolerance) ?? 0;
    const redTolerance = scaled("redTolerance", v.redTolerance) ?? 0;
    if (redTolerance < amberTolerance) ctx.addIssue({ code: "custom", path: ["redTolerance"], message: "Red must be at least the amber tolerance." });
    const appetite = scaled("appetite", v.appetite);
    if (appetite !== null && v.kind !== "kri")
      ctx.addIssue({ code: "custom", path: ["appetite"], message: "Only a KRI has an appetite; leave it empty for a KPI." });
    const targets = parseTargets(v.targets, v.unit);
    if (!targets.ok) ctx.addIssue({ code: "custom", path: ["targets"], message: targets.error });
    return { ...v, amberTolerance, redTolerance, appetite, targets: targets.ok ? targets.points : [] };
  });
export type MeasureForm = z.output<typeof MeasureFormSchema>;

/**
 * Glide-path points, one a line: `YYYY-MM value` (e.g. `2026-12 95`). Periods
 * must be real months, each once; values in the measure's unit.
 */
export function parseTargets(text: string, unit: MeasureUnit): { ok: true; points: Array<{ period: string; target: number }> } | { ok: false; error: string } {
  const points: Array<{ period: string; target: number }> = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > MAX_TARGET_POINTS) return { ok: false, error: `At most ${MAX_TARGET_POINTS} points.` };
  for (const [i, line] of lines.entries()) {
    const [period = "", value = "", ...rest] = line.split(/[\s,;=]+/);
    if (!isPeriod(period) || rest.length) return { ok: false, error: `Line ${i + 1}: write a month and a value, e.g. "2026-12 95".` };
    const target = parseMeasureValue(value, unit);
    if (target === null) return { ok: false, error: `Line ${i + 1}: "${value}" is not a ${unit} amount.` };
    if (points.some((p) => p.period === period)) return { ok: false, error: `Line ${i + 1}: ${period} appears twice.` };
    points.push({ period, target });
  }
  return { ok: true, points: points.sort((a, b) => (a.period < b.period ? -1 : 1)) };
}

export const MeasureListQuerySchema = z.object({
  kind: z.enum(MEASURE_KINDS).optional().catch(undefined),
  csf: z.enum(CSF_CATEGORIES).optional().catch(undefined),
  status: z.enum(["on_track", "amber", "red", "missing"]).optional().catch(undefined),
  ws: z.string().trim().max(20).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).default(1).catch(1),
});
