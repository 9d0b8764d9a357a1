import type { Db } from "#db/connection";

/**
 * Counts the SQL statements a piece of code executes through a connection,
 * by wrapping `prepare` on the underlying better-sqlite3 handle: every
 * statement Drizzle or raw SQL runs is prepared there, and each run
 * (`all`, `get`, `run`, `iterate`) of the prepared statement counts once.
 * Used to prove a page's query count does not grow with the data (no N+1).
 */
type Counter = { count: number; statements: string[] };

const installed = new WeakSet<object>();
let active: Counter | null = null;

function install(db: Db) {
  const client = db.$client;
  if (installed.has(client)) return;
  installed.add(client);
  const prepare = client.prepare.bind(client);
  client.prepare = ((source: string) => {
    const statement = prepare(source) as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ["all", "get", "run", "iterate"]) {
      const original = statement[method]!.bind(statement);
      statement[method] = (...args: unknown[]) => {
        if (active) {
          active.count++;
          active.statements.push(source);
        }
        return original(...args);
      };
    }
    return statement;
  }) as unknown as typeof client.prepare;
}

/** Runs `fn` and returns its result with the statements it executed through `db`. */
export async function countQueries<T>(db: Db, fn: () => Promise<T> | T): Promise<{ result: T } & Counter> {
  install(db);
  const counter: Counter = { count: 0, statements: [] };
  const previous = active;
  active = counter;
  try {
    const result = await fn();
    return { result, ...counter };
  } finally {
    active = previous;
  }
}
