import { Worker } from "node:worker_threads";

type FiguresMessage = { changes: number; day: string; ms: number; entries: Array<[string, unknown]> };

/**
 * Starts the thread that keeps today's most read figures computed: after
 * every change to the data (and each new day) it recomputes them on its own
 * connection and `prime` puts them in the request thread's cache. Requests
 * never wait for it: one that finds nothing cached computes for itself.
 * Returns a function that stops the thread.
 */
export function startFiguresThread(prime: (changes: number, entries: FiguresMessage["entries"]) => number, log: (line: string) => void): () => void {
  const worker = new Worker(new URL("./figures-worker.mjs", import.meta.url));
  let first = true;
  worker.on("message", (message: FiguresMessage) => {
    const added = prime(message.changes, message.entries);
    if (first) log(`Figures as of ${message.day} computed in ${(message.ms / 1000).toFixed(1)} s on the figures thread (${added} results cached).`);
    first = false;
  });
  worker.on("error", (error) => console.error(`The figures thread stopped: ${error.message}`));
  worker.unref();
  return () => worker.postMessage("stop");
}
