/** How many rows each home list shows before "see all": enough to act on, small enough to read at a glance. */
export const HOME_LIST_LIMIT = 8;

/** A list cut to `limit` rows, with how many there are in all. */
export type Bounded<T> = { total: number; rows: T[] };

/** "See all" on a home page (`?all=1`) still stops somewhere: past this, the area's own list with its filters and pages is the place. */
export const HOME_ALL_LIMIT = 500;

export function homeListLimit(url: URL): number {
  return url.searchParams.get("all") === "1" ? HOME_ALL_LIMIT : HOME_LIST_LIMIT;
}

/** "Due soon" on My work: the figures layer's dueWithin window the dashboard also shows. */
export const DUE_SOON_DAYS = 30;
