import { z } from "zod";
import { RISK_LEVELS, type RiskLevel } from "#db/schema/enums";

/**
 * The risk matrix: labels for each likelihood and impact step, and the level
 * of every cell (cells[likelihood-1][impact-1]). Stored in settings so the
 * CISO office can tune it; changing it re-levels every risk.
 */
export const RiskMatrixSchema = z.object({
  likelihoodLabels: z.array(z.string().min(1)).length(5),
  impactLabels: z.array(z.string().min(1)).length(5),
  cells: z.array(z.array(z.enum(RISK_LEVELS)).length(5)).length(5),
  colours: z.record(z.enum(RISK_LEVELS), z.string().regex(/^#[0-9a-f]{6}$/i)),
});
export type RiskMatrix = z.infer<typeof RiskMatrixSchema>;

// Score bands follow the common 5×5 convention (ISO 31000 practice, as in
// CISO Assistant and SimpleRisk): 1–3 low, 4–9 medium, 10–16 high, 20–25 critical.
function defaultLevel(likelihood: number, impact: number): RiskLevel {
  const score = likelihood * impact;
  if (score >= 20) return "critical";
  if (score >= 10) return "high";
  if (score >= 4) return "medium";
  return "low";
}

export const DEFAULT_RISK_MATRIX: RiskMatrix = {
  likelihoodLabels: ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"],
  impactLabels: ["Minor", "Moderate", "Significant", "Major", "Severe"],
  cells: [1, 2, 3, 4, 5].map((l) => [1, 2, 3, 4, 5].map((i) => defaultLevel(l, i))),
  colours: { low: "#16a34a", medium: "#eab308", high: "#f97316", critical: "#dc2626" },
};

export function levelFor(matrix: RiskMatrix, likelihood: number, impact: number): RiskLevel {
  const level = matrix.cells[likelihood - 1]?.[impact - 1];
  if (!level) throw new RangeError(`No matrix cell for likelihood ${likelihood} × impact ${impact}`);
  return level;
}

export function levelRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function isAboveAppetite(level: RiskLevel, appetite: RiskLevel): boolean {
  return levelRank(level) > levelRank(appetite);
}

/** The steps of both scales, lowest first. */
export const SCALE = [1, 2, 3, 4, 5] as const;

/** The numeric score (likelihood × impact) that trends add up and top-risk lists sort by. */
export function riskScore(likelihood: number, impact: number): number {
  return likelihood * impact;
}

/** Levels above the appetite, highest first: what "above appetite" selects. */
export function levelsAbove(appetite: RiskLevel): RiskLevel[] {
  return RISK_LEVELS.filter((l) => isAboveAppetite(l, appetite)).reverse();
}
