import { eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { workstreams } from "#db/schema";
import { type Permission, roleHasPermissionOrOwn } from "~/auth/permissions";
import { type CurrentUser, canActOnAny, forbidden } from "~/auth/require.server";

/**
 * Workstream leads hold `:own` permissions: they may act only on rows of
 * the workstreams they own. Everyone else with the permission acts on any.
 */
export function requireWorkstreamEditor(db: Pick<Db, "select">, user: CurrentUser, permission: Permission, workstreamId: number): void {
  if (canActOnAny(user, permission)) return;
  const row = db.select({ ownerId: workstreams.ownerId }).from(workstreams).where(eq(workstreams.id, workstreamId)).get();
  if (!row || row.ownerId !== user.id) throw forbidden("You can change only the workstreams you lead.");
}

/** Whether the user could edit rows of this workstream (for showing or hiding edit controls). */
export function mayEditWorkstream(user: CurrentUser, permission: Permission, ownerId: number | null): boolean {
  if (canActOnAny(user, permission)) return true;
  return ownerId !== null && ownerId === user.id && roleHasPermissionOrOwn(user.role, permission);
}
