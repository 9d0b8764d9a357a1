import { openDatabase, type Db } from "#db/connection";

// One connection per process. Kept on globalThis so the dev server's module
// reloads do not open a new handle on every edit. Opened on first use, so a
// module that only might need it (e.g. "today" in the programme's zone) does
// not create the database file when imported by a process that refuses to start.
const globalForDb = globalThis as unknown as { __rampartDb?: Db };

export function getDb(): Db {
  return (globalForDb.__rampartDb ??= openDatabase());
}
