/**
 * Calendar days in the programme's time zone. "Today", quarter ends and
 * "as of D" are days there: a change made at 21:00 in Seattle on 30 June
 * belongs to 30 June even though it is 1 July in UTC. Instants stay UTC ISO
 * text everywhere; only the boundaries between days move.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone name. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

function wallClock(epochMs: number, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(epochMs))
      .map((p) => [p.type, p.value]),
  );
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), h: Number(parts.hour), min: Number(parts.minute), s: Number(parts.second) };
}

/** Minutes the zone is ahead of UTC at that instant (−420 for Los Angeles in summer). */
function offsetMinutes(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** The calendar day (YYYY-MM-DD) of an instant in the zone. */
export function dayIn(instant: Date | string, timeZone: string): string {
  const w = wallClock(typeof instant === "string" ? Date.parse(instant) : instant.getTime(), timeZone);
  return `${String(w.y).padStart(4, "0")}-${String(w.m).padStart(2, "0")}-${String(w.d).padStart(2, "0")}`;
}

/** The UTC instant at which the day starts in the zone (midnight there), as epoch milliseconds. */
export function startOfDayMs(day: string, timeZone: string): number {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  // Two passes settle the offset across a daylight-saving change.
  let t = midnightUtc - offsetMinutes(midnightUtc, timeZone) * 60_000;
  t = midnightUtc - offsetMinutes(t, timeZone) * 60_000;
  return t;
}

/**
 * The instant that closes day D in the zone (the next midnight there), as
 * UTC ISO text. "As of D" reads every effective-dated row in force just
 * before it: valid_from < endOfDay(D) <= valid_to.
 */
export function endOfDay(day: string, timeZone: string): string {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return new Date(startOfDayMs(next, timeZone)).toISOString();
}

/** The runtime's canonical spelling of a zone it knows ("america/los_angeles" → "America/Los_Angeles"), so one zone is stored one way. */
export function canonicalTimeZone(name: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
}

/** Every IANA zone the runtime knows, for a picker. */
export function knownTimeZones(): string[] {
  return Intl.supportedValuesOf("timeZone");
}
