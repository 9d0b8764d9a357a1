import { and, eq, inArray } from "drizzle-orm";
import { users } from "#db/schema";
import type { Role } from "#db/schema/enums";
import type { Reader } from "./rule";

/** Active users holding one of the roles (the CISO office, the executives): ids in a stable order. */
export function usersWithRoles(db: Reader, roles: Role[]): number[] {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, roles), eq(users.active, true)))
    .orderBy(users.id)
    .all()
    .map((r) => r.id);
}

/** The given ids (owner, lead, sponsor: any may be missing) and the role holders, each once. */
export function audienceOf(people: Array<number | null | undefined>, roleHolders: number[] = []): number[] {
  return [...new Set([...people.filter((p): p is number => typeof p === "number"), ...roleHolders])];
}
