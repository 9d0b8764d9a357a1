/**
 * The server's one background thread: today's figures and the figures a
 * request asks for (figures-thread.ts),
 * the audit chain's verification from its checkpoint (audit-thread.ts) and
 * the reminders with the email outbox (startNotificationSchedule), each
 * on its own connection, until the server asks it to stop. One thread for
 * both, because each thread loads its own copy of the app's modules.
 */
import fs from "node:fs";
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { type ScheduleOptions, startNotificationSchedule } from "~/notifications/schedule.server";
import { startAuditVerification } from "./audit-thread";
import { computeOffloaded, type OffloadRequest, startFiguresLoop } from "./figures-thread";

/**
 * A lower scheduling priority for this thread only (Linux: /proc/thread-self
 * names the thread, and a thread id passed to setpriority changes that
 * thread alone): on a machine with few cores, seconds of reminder rules or
 * figures at 100x the demo then take the CPU the request thread leaves idle,
 * instead of slowing the pages being served. Elsewhere it keeps the
 * process's priority.
 */
function yieldTheCpu(): void {
  try {
    const thread = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(thread) && thread > 0) os.setPriority(thread, 10);
  } catch {
    // Not Linux, or not allowed: the same priority as the request thread.
  }
}
yieldTheCpu();

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
