// The figures' worker thread (server/figures.ts): a worker thread does not inherit tsx's loader, so it registers it
// here before loading the TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./figures-thread.ts");
