/** Inside the reminders' worker thread: runs the schedule until the server asks it to stop. */
import { parentPort, workerData } from "node:worker_threads";
import { type ScheduleOptions, startNotificationSchedule } from "~/notifications/schedule.server";

const stop = startNotificationSchedule(workerData as ScheduleOptions);
parentPort?.on("message", async (message) => {
  if (message !== "stop") return;
  await stop();
  parentPort?.postMessage("stopped");
  parentPort?.close();
});
