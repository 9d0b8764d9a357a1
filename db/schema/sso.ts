import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { users } from "./auth";
import { ROLES } from "./enums";

/**
 * A sign-in sent to the OpenID provider and not yet back. Only the SHA-256 of
 * `state` is stored; the PKCE verifier stays in the browser's cookie, so this
 * table holds nothing that completes a sign-in. `usedAt` makes each one
 * single-use: a replayed callback finds it used.
 */
export const oidcSignIns = sqliteTable(
  "oidc_sign_ins",
  {
    stateHash: text("state_hash").primaryKey(),
    nonce: text("nonce").notNull(),
    redirectTo: text("redirect_to"),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("oidc_sign_ins_expires_idx").on(t.expiresAt)],
);

/**
 * A provider sign-in whose email matches a local account with a password:
 * it is linked only after that account's password is given once (so an
 * identity at the provider cannot take over an account it merely shares an
 * email with). Only the SHA-256 of the browser's token is stored.
 */
export const oidcPendingLinks = sqliteTable(
  "oidc_pending_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    providerMfa: integer("provider_mfa", { mode: "boolean" }).notNull(),
    // When the session this sign-in may open must end (the ID token's expiry).
    sessionEndsAt: text("session_ends_at").notNull(),
    redirectTo: text("redirect_to"),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("oidc_pending_links_user_idx").on(t.userId)],
);
