import type { ApiScope } from "#db/schema/enums";
import type { Permission } from "./permissions";

/**
 * Every route module exports `access`, declaring who may call its loader
 * and its action. A test walks the route manifest and fails on a route
 * without one; the authorization-matrix test checks that the handlers
 * really refuse everyone else.
 *   "public"     anyone, signed in or not (log-in, set-up, health)
 *   "signed-in"  any signed-in user (account, log-out)
 *   a permission the signed-in user's role must hold
 */
export type Access = "public" | "signed-in" | Permission;
/** An API route (`api: true`) also names the token scope it serves; a token without that scope gets a 403. */
export type RouteAccess = { loader?: Access; action?: Access; api?: boolean; scope?: ApiScope };

export function defineAccess<T extends RouteAccess>(access: T): T {
  return access;
}
