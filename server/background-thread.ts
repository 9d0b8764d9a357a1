/**
 * The server's one background thread: today's figures and the figures a
 * request asks for (figures-thread.ts),
 * the audit chain's verification from its checkpoint (audit-thread.ts) and
 * the reminders with the email outbox (startNotificationSchedule), each
 * on its own connection, until the server asks it to stop. One thread for
 * both, because each thread loads its own copy of the app's modules.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type ScheduleOptions, startNotificationSchedule } from "~/notifications/schedule.server";
import { startAuditVerification } from "./audit-thread";
import { computeOffloaded, type OffloadRequest, startFiguresLoop } from "./figures-thread";

const stopFigures = startFiguresLoop((message) => parentPort?.postMessage(message));
const stopAudit = startAuditVerification();
const stopReminders = startNotificationSchedule(workerData as ScheduleOptions);
parentPort?.on("message", async (message: "stop" | OffloadRequest) => {
  if (message !== "stop") {
    if (message?.type === "offload") parentPort?.postMessage(computeOffloaded(message));
    return;
  }
  await stopAudit();
  stopFigures();
  await stopReminders();
  parentPort?.close();
});
