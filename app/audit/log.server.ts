import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { desc } from "drizzle-orm";
import type { Db } from "#db/connection";
import { auditEvents } from "#db/schema";
import { canonicalJson } from "./canonical-json";

export const GENESIS_HASH = "0".repeat(64);

/** Who did it and from where; taken from the request by the route. */
export type AuditContext = {
  actorId: number | null;
  requestId?: string | null;
  ip?: string | null;
};

export type AuditInput = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

type ChainFields = {
  at: string;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
};

export function hashAuditEvent(fields: ChainFields): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJson(fields))));
}

// Secrets must never reach the trail, whatever a caller passes as before/after.
const SECRET_KEYS = /password|secret|token|recovery|code_?hash/i;
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) ? "[redacted]" : redact(v)]));
  }
  return value;
}

/**
 * Appends one event to the chain. Call it inside the same transaction as the
 * change it records (better-sqlite3 transactions are synchronous, so the
 * read of the previous hash and the insert cannot interleave with another writer).
 */
export function writeAudit(tx: Pick<Db, "select" | "insert">, ctx: AuditContext, input: AuditInput) {
  const last = tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1).get();
  const fields: ChainFields = {
    at: new Date().toISOString(),
    actorId: ctx.actorId,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId == null ? null : String(input.entityId),
    before: input.before === undefined ? null : canonicalJson(redact(input.before)),
    after: input.after === undefined ? null : canonicalJson(redact(input.after)),
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  return tx
    .insert(auditEvents)
    .values({ ...fields, hash: hashAuditEvent(fields) })
    .returning({ id: auditEvents.id })
    .get();
}
