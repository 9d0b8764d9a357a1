/** Slip in days as words; the figures layer (app/figures/milestones.server.ts) computes the days. */
export function formatSlip(days: number): string {
  if (days === 0) return "on baseline";
  return days > 0 ? `+${days} d late` : `${-days} d early`;
}
