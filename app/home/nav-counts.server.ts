import type { Db } from "#db/connection";
import type { Role } from "#db/schema/enums";
import type { NavItem } from "~/components/navigation";
import { todayIso } from "~/time/today.server";
import { inboxCount } from "./inbox.server";
import { myWorkCount } from "./my-work.server";
import { waitingCount } from "./waiting.server";

type Reader = Pick<Db, "select" | "all">;

/**
 * The navigation with a count beside each role home: what waits for this
 * user there. Only counts (no lists), computed for the homes the role sees.
 */
export function withHomeCounts(db: Reader, user: { id: number; role: Role }, navigation: NavItem[]): NavItem[] {
  const counters: Record<string, () => number> = {
    "/inbox": () => inboxCount(db),
    "/my-work": () => myWorkCount(db, user.id, todayIso(db)),
    "/waiting": () => waitingCount(db, todayIso(db)),
  };
  return navigation.map((item) => (counters[item.to] ? { ...item, count: counters[item.to]!() } : item));
}
