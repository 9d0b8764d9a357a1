import { cacheable, isFigureCached, type MemoFigure } from "./memo.server";

/**
 * Asks another thread to compute a memoized figure and waits: it returns
 * once the result (and every memoized figure it read) is in this thread's
 * cache, or once the other thread gave up. Set by server/start.ts to the
 * background thread's `offload` (server/background.ts).
 */
export type FiguresOffloader = (name: string, args: unknown[]) => Promise<void>;

let offloader: FiguresOffloader | null = null;

/** server/start.ts connects the build it serves to its background thread; tests and the CLI leave it unset. */
export function setFiguresOffloader(next: FiguresOffloader | null): void {
  offloader = next;
}

/**
 * Before a loader reads a figure it may not find cached (a past quarter's
 * dashboard, a filtered budget or register: one to four seconds of SQL at
 * 100x the demo), it awaits this: the background thread computes it while
 * this thread goes on answering other requests, and the loader's own call
 * then finds it cached (docs/decisions/023-figures-off-the-request-thread.md).
 * Without a background thread, or when the figure is cached already, it
 * returns at once; if the thread fails or the data changed meanwhile, the
 * loader computes the figure itself, as before.
 */
export async function offThread<D, A extends unknown[], R>(db: D, figure: MemoFigure<D, A, R>, ...args: A): Promise<void> {
  if (!offloader || !cacheable(db) || isFigureCached(db, figure.figureName, args)) return;
  await offloader(figure.figureName, args);
}
