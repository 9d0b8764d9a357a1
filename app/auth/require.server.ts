import { redirect } from "@remix-run/node";
import type { Role } from "#db/schema/enums";
import { getEnv } from "~/env.server";
import type { Access } from "./access";
import { noteRequestUser } from "~/utils/request-context.server";
import { type Permission, roleHasPermission, roleHasPermissionOrOwn } from "./permissions";
import { readSessionToken, type Session, type SessionUser, validateSessionToken } from "./session.server";

export type CurrentUser = SessionUser & { sessionId: string };

const MFA_REQUIRED_ROLES: ReadonlySet<Role> = new Set(["admin", "ciso_office"]);

export function mfaRequiredFor(role: Role): boolean {
  return getEnv().REQUIRE_MFA && MFA_REQUIRED_ROLES.has(role);
}

function loadSession(request: Request): { session: Session; user: SessionUser } | null {
  const token = readSessionToken(request);
  const found = token ? validateSessionToken(token) : null;
  if (found) noteRequestUser(found.user.id);
  return found;
}

/** The signed-in user with their second factor done, or null. */
export function getOptionalUser(request: Request): CurrentUser | null {
  const found = loadSession(request);
  if (!found || !found.session.mfaVerified) return null;
  return { ...found.user, sessionId: found.session.id };
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/**
 * The signed-in user, or a redirect to log in. A session whose second
 * factor is outstanding goes to /login/mfa; a privileged user who must use
 * MFA but has not enrolled goes to enrolment before anything else.
 */
export function requireUser(request: Request, options: { allowMfaEnrolment?: boolean } = {}): CurrentUser {
  const found = loadSession(request);
  if (!found) throw loginRedirect(request);
  if (!found.session.mfaVerified) throw redirect("/login/mfa");
  const user = { ...found.user, sessionId: found.session.id };
  // A provider that asserted a second factor (amr/acr) has done what Rampart's own TOTP would.
  if (!options.allowMfaEnrolment && !user.mfaEnabledAt && !found.session.providerMfa && mfaRequiredFor(user.role)) throw redirect("/account/mfa");
  return user;
}

export function forbidden(message = "You do not have permission to do this."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

/** Throws 403 unless the role holds the permission (or its `:own` form; check the row's owner next). */
export function requirePermission(user: CurrentUser, permission: Permission): void {
  if (!roleHasPermissionOrOwn(user.role, permission)) throw forbidden();
}

/**
 * The one check every loader and action starts with: the signed-in user, held
 * to what the route declares in its `access` export ("signed-in", or a
 * permission whose `:own` form also passes; the row's owner is checked next).
 * Pass `access.loader` or `access.action`, so the declaration the
 * authorization tests read is the one the handler enforces.
 */
export function requireAccess(request: Request, access: Exclude<Access, "public">, options: { allowMfaEnrolment?: boolean } = {}): CurrentUser {
  const user = requireUser(request, options);
  if (access !== "signed-in") requirePermission(user, access);
  return user;
}

/** True when the user may act on any row, not only their own. */
export function canActOnAny(user: CurrentUser, permission: Permission): boolean {
  return roleHasPermission(user.role, permission);
}
