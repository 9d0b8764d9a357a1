export type TreatingMilestone = { status: string; percentComplete: number; weight: number; slipped: boolean };

export type TreatmentProgress = { milestones: number; percentComplete: number | null; slipped: number };

/**
 * How far the work treating a risk has got: the weight-averaged percent
 * complete of its live milestones (cancelled ones treat nothing), and how
 * many of them have slipped past their baseline.
 */
export function treatmentProgress(ms: TreatingMilestone[]): TreatmentProgress {
  const live = ms.filter((m) => m.status !== "cancelled");
  const weight = live.reduce((s, m) => s + m.weight, 0);
  const done = live.reduce((s, m) => s + (m.status === "done" ? 100 : m.percentComplete) * m.weight, 0);
  return {
    milestones: live.length,
    percentComplete: weight ? Math.round(done / weight) : null,
    slipped: live.filter((m) => m.slipped).length,
  };
}
