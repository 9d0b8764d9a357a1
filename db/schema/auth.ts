import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, sqlList, timestamps, version } from "./columns";
import { API_SCOPES, ROLES } from "./enums";

export const users = sqliteTable(
  "users",
  {
    id: id(),
    // Stored lower-cased so log-in and uniqueness are case-insensitive.
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    // Null until an invited user sets a password.
    passwordHash: text("password_hash"),
    passwordChangedAt: text("password_changed_at"),
    mfaSecret: text("mfa_secret"),
    mfaEnabledAt: text("mfa_enabled_at"),
    // TOTP time step (Unix seconds / 30) of the last accepted code. A code for
    // this step or an earlier one is refused, so a code seen over a shoulder or
    // captured by a phishing proxy cannot be used a second time (RFC 6238 §5.2).
    mfaLastUsedStep: integer("mfa_last_used_step"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    // The account at the company's OpenID provider this user signs in as (issuer and `sub`), once linked.
    oidcIssuer: text("oidc_issuer"),
    oidcSubject: text("oidc_subject"),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    uniqueIndex("users_oidc_unique").on(t.oidcIssuer, t.oidcSubject),
    index("users_role_idx").on(t.role),
    check("users_role_check", sql`${t.role} in (${sqlList(ROLES)})`),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 of the token given to the browser, hex encoded: a leaked row is not a live cookie.
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    // Sliding expiry never extends past this instant.
    absoluteExpiresAt: text("absolute_expires_at").notNull(),
    // False while the second factor of a log-in is still outstanding.
    mfaVerified: integer("mfa_verified", { mode: "boolean" }).notNull().default(false),
    // How the user signed in: a password here, or the company's OpenID provider.
    authMethod: text("auth_method", { enum: ["password", "oidc"] })
      .notNull()
      .default("password"),
    // The provider asserted a second factor (amr/acr), so Rampart's own TOTP is not asked for.
    providerMfa: integer("provider_mfa", { mode: "boolean" }).notNull().default(false),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const recoveryCodes = sqliteTable(
  "mfa_recovery_codes",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: text("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("mfa_recovery_codes_user_idx").on(t.userId)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    // First characters of the token, shown so a user can tell tokens apart.
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    // Chosen at creation (default 90 days, at most a year): a forgotten token stops working on its own.
    expiresAt: text("expires_at").notNull(),
    lastUsedAt: text("last_used_at"),
    // Where the token was last used from, shown on /account so an owner can spot a copy used elsewhere.
    lastUsedIp: text("last_used_ip"),
    revokedAt: text("revoked_at"),
    // Why it stopped: the owner revoked it, or an event that ends every credential of the owner.
    revokedReason: text("revoked_reason"),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

/** The areas a token was granted at creation (at least one); a route outside them answers 403. */
export const apiTokenScopes = sqliteTable(
  "api_token_scopes",
  {
    tokenId: integer("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    scope: text("scope", { enum: API_SCOPES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.scope] }), check("api_token_scopes_scope_check", sql`${t.scope} in (${sqlList(API_SCOPES)})`)],
);

/**
 * Failed-attempt counters for log-in, setup, invitation and reset links, MFA
 * and password changes; kept in the database so a restart does not reset
 * them. `blockedUntil` is the growing delay of one key; `lockedUntil` is set
 * only on an account attacked from many addresses (decision 009).
 */
export const throttles = sqliteTable(
  "throttles",
  {
    key: text("key").primaryKey(),
    // What the counter guards (login-pair, login-address, login-account, mfa, …), for the administrators' view.
    scope: text("scope"),
    // The email address a log-in counter is about, so an administrator can find and clear a user's counters.
    subject: text("subject"),
    address: text("address"),
    failures: integer("failures").notNull().default(0),
    windowStartedAt: text("window_started_at").notNull(),
    blockedUntil: text("blocked_until"),
    lockedUntil: text("locked_until"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("throttles_subject_idx").on(t.subject), index("throttles_updated_idx").on(t.updatedAt)],
);

/**
 * One-time password-reset links for active users, issued by an administrator
 * or the CLI. Like invitations, only the token's SHA-256 is stored; a link
 * works once, for an hour, and a newer link for the same user revokes older ones.
 */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdById: integer("created_by_id").references(() => users.id),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [
    uniqueIndex("password_resets_token_hash_unique").on(t.tokenHash),
    index("password_resets_user_idx").on(t.userId),
    index("password_resets_created_by_idx").on(t.createdById),
  ],
);

/** One-time links printed at first start to create the first administrator. */
export const setupTokens = sqliteTable("setup_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  createdAt: createdAt(),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
});

/**
 * Set-password links for accounts an administrator created. Only the token's
 * SHA-256 is stored; a link works once, for 72 hours, and a newer link for
 * the same user revokes the older ones.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdById: integer("created_by_id").references(() => users.id),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_unique").on(t.tokenHash),
    index("invitations_user_idx").on(t.userId),
    index("invitations_created_by_idx").on(t.createdById),
  ],
);
