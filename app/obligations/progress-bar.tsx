/** A server-rendered progress bar (SVG attributes, no inline style): filled share and an optional projected mark. */
export function ProgressBar({ bp, projectedBp, label }: { bp: number | null; projectedBp?: number | null; label: string }) {
  const w = (v: number | null | undefined) => Math.max(0, Math.min(200, ((v ?? 0) / 10_000) * 200));
  return (
    <svg viewBox="0 0 200 12" width="200" height="12" role="img" aria-label={label}>
      <rect x="0" y="0" width="200" height="12" rx="3" fill="#e2e8f0" />
      <rect x="0" y="0" width={w(bp)} height="12" rx="3" fill={(bp ?? 0) >= 10_000 ? "#15803d" : "#0369a1"} />
      {projectedBp != null ? <line x1={w(projectedBp)} x2={w(projectedBp)} y1="0" y2="12" stroke="#d97706" strokeWidth="2" /> : null}
    </svg>
  );
}
