/** An ISO instant as UTC to the second ("2026-11-24 22:31:06 UTC"), or a dash. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return "—";
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
