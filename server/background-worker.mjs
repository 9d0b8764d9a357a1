// The background thread (server/background.ts): a worker thread does not inherit tsx's loader, so it registers it
// here before loading the TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./background-thread.ts");
