import { addDays } from "~/money/fiscal";

/** The month (YYYY-MM) of a day, its last day, and the month before. */
export function monthOf(day: string) {
  const [y, m] = day.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const previousEnd = addDays(`${day.slice(0, 7)}-01`, -1);
  return { month: day.slice(0, 7), end: last, previousMonth: previousEnd.slice(0, 7), previousEnd };
}
