import { asc, count, eq, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db } from "#db/connection";
import { engagements, milestones, obligations, risks, vendors, workstreams } from "#db/schema";
import type { Role } from "#db/schema/enums";
import { type Permission, roleHasPermission } from "~/auth/permissions";
import { containsAny } from "./like";

/** Results shown per kind; the rest are behind "see all" on the kind's own list. */
export const SEARCH_LIMIT_PER_KIND = 5;

export const SearchQuerySchema = z
  .string()
  .trim()
  .min(2, "Type at least 2 characters.")
  .max(100, "Use at most 100 characters.")
  // Control characters are never part of a code or a title.
  .regex(/^[^\p{Cc}]*$/u, "Use letters, digits and punctuation only.");

export type SearchHit = { code: string; title: string; href: string; detail: string };
export type SearchGroup = { kind: SearchKind; label: string; total: number; hits: SearchHit[]; seeAllHref: string };

type Kind = {
  label: string;
  /** Who may see this kind: the permission its own list page requires. */
  permission: Permission;
  list: string;
  run: (db: Pick<Db, "select">, term: string, limit: number) => { total: number; hits: SearchHit[] };
};

function totalOf(db: Pick<Db, "select">, table: SQLiteTable, where: SQL): number {
  return db.select({ n: count() }).from(table).where(where).get()?.n ?? 0;
}

const KINDS = {
  workstreams: {
    label: "Workstreams",
    permission: "read:program",
    list: "/workstreams",
    run: (db, term, limit) => {
      const where = containsAny([workstreams.code, workstreams.name, workstreams.objective], term);
      const rows = db
        .select({ code: workstreams.code, title: workstreams.name, detail: workstreams.lifecycleStatus })
        .from(workstreams)
        .where(where)
        .orderBy(asc(workstreams.code))
        .limit(limit)
        .all();
      return { total: totalOf(db, workstreams, where), hits: rows.map((r) => ({ ...r, href: `/workstreams/${encodeURIComponent(r.code)}` })) };
    },
  },
  milestones: {
    label: "Milestones",
    permission: "read:program",
    list: "/milestones",
    run: (db, term, limit) => {
      const where = containsAny([milestones.code, milestones.title, milestones.description], term);
      const rows = db
        .select({ id: milestones.id, code: milestones.code, title: milestones.title, workstream: workstreams.code, status: milestones.status })
        .from(milestones)
        .innerJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
        .where(where)
        .orderBy(asc(milestones.code))
        .limit(limit)
        .all();
      return {
        total: totalOf(db, milestones, where),
        hits: rows.map((r) => ({ code: r.code, title: r.title, detail: `${r.workstream} · ${r.status.replace("_", " ")}`, href: `/milestones/${r.id}` })),
      };
    },
  },
  risks: {
    label: "Risks",
    permission: "read:program",
    list: "/risks",
    run: (db, term, limit) => {
      const where = containsAny([risks.code, risks.title, risks.description], term);
      const rows = db
        .select({ code: risks.code, title: risks.title, level: risks.currentLevel, status: risks.status })
        .from(risks)
        .where(where)
        .orderBy(asc(risks.code))
        .limit(limit)
        .all();
      return {
        total: totalOf(db, risks, where),
        hits: rows.map((r) => ({ code: r.code, title: r.title, detail: `${r.level} · ${r.status}`, href: `/risks/${encodeURIComponent(r.code)}` })),
      };
    },
  },
  engagements: {
    label: "Engagements",
    permission: "read:program",
    list: "/engagements",
    run: (db, term, limit) => {
      const where = containsAny([engagements.sowReference, engagements.title, engagements.description, vendors.name], term);
      const rows = db
        .select({ id: engagements.id, code: engagements.sowReference, title: engagements.title, vendor: vendors.name, status: engagements.status })
        .from(engagements)
        .innerJoin(vendors, eq(vendors.id, engagements.vendorId))
        .where(where)
        .orderBy(asc(engagements.sowReference))
        .limit(limit)
        .all();
      const total = db.select({ n: count() }).from(engagements).innerJoin(vendors, eq(vendors.id, engagements.vendorId)).where(where).get()?.n ?? 0;
      return { total, hits: rows.map((r) => ({ code: r.code, title: r.title, detail: `${r.vendor} · ${r.status}`, href: `/engagements/${r.id}` })) };
    },
  },
  obligations: {
    label: "Obligations",
    permission: "read:program",
    list: "/obligations",
    run: (db, term, limit) => {
      const where = containsAny([obligations.code, obligations.title, obligations.text, obligations.sourceReference], term);
      const rows = db
        .select({ code: obligations.code, title: obligations.title, source: obligations.source, status: obligations.status })
        .from(obligations)
        .where(where)
        .orderBy(asc(obligations.code))
        .limit(limit)
        .all();
      return {
        total: totalOf(db, obligations, where),
        hits: rows.map((r) => ({
          code: r.code,
          title: r.title,
          detail: `${r.source} · ${r.status.replace("_", " ")}`,
          href: `/obligations/${encodeURIComponent(r.code)}`,
        })),
      };
    },
  },
} satisfies Record<string, Kind>;

export type SearchKind = keyof typeof KINDS;
export const SEARCH_KINDS = Object.keys(KINDS) as SearchKind[];

/** The kinds a role may search: those whose list pages it may read. A board member has none. */
export function searchableKinds(role: Role): SearchKind[] {
  return SEARCH_KINDS.filter((k) => roleHasPermission(role, KINDS[k].permission));
}

/** Up to SEARCH_LIMIT_PER_KIND matches of each kind the role may read, by code, with the total per kind. */
export function globalSearch(db: Pick<Db, "select">, role: Role, term: string): SearchGroup[] {
  return searchableKinds(role).map((kind) => {
    const { total, hits } = KINDS[kind].run(db, term, SEARCH_LIMIT_PER_KIND);
    return { kind, label: KINDS[kind].label, total, hits, seeAllHref: `${KINDS[kind].list}?${new URLSearchParams({ q: term })}` };
  });
}
