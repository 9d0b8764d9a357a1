const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const usdCents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2 });

/**
 * Money is integer cents everywhere; it becomes a decimal string only here,
 * for display. Whole dollars are split off with integer division so no cent
 * passes through a float.
 */
export function formatCents(cents: number, options: { exact?: boolean } = {}): string {
  if (options.exact) {
    const sign = cents < 0 ? "-" : "";
    const abs = Math.abs(cents);
    const dollars = Math.trunc(abs / 100);
    const rest = String(abs % 100).padStart(2, "0");
    return `${sign}$${dollars.toLocaleString("en-US")}.${rest}`;
  }
  return usd.format(Math.round(cents / 100));
}

/** Compact money for dense tables and charts: $1.2M, $350K. */
export function formatCentsShort(cents: number): string {
  const dollars = cents / 100;
  const abs = Math.abs(dollars);
  if (abs >= 1e9) return `$${(dollars / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `$${(dollars / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `$${(dollars / 1e3).toFixed(0)}K`;
  return usdCents.format(dollars);
}

export function humanize(value: string): string {
  const s = value.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
