import { openDatabase, type Db } from "#db/connection";

// One connection per process. Kept on globalThis so the dev server's module
// reloads do not open a new handle on every edit.
const globalForDb = globalThis as unknown as { __rampartDb?: Db };

export const db: Db = (globalForDb.__rampartDb ??= openDatabase());

export type { Db };
