// The reminders' worker thread (server/reminders.ts): the server runs under tsx, and a worker thread does not
// inherit its loader, so it registers it here before loading the TypeScript schedule.
import { register } from "tsx/esm/api";

register();
await import("./reminders-thread.ts");
