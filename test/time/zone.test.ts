import { describe, expect, it } from "vitest";
import { dayIn, endOfDay, isTimeZone } from "~/time/zone";

// Expected instants are written out by hand from the zones' published offsets
// (Pacific: UTC−8 in winter, UTC−7 from 8 March 2026; Tokyo: UTC+9, no DST).
describe("days in the programme's time zone", () => {
  it("closes a day at the next local midnight, in UTC", () => {
    expect(endOfDay("2026-06-30", "America/Los_Angeles")).toBe("2026-07-01T07:00:00.000Z");
    expect(endOfDay("2026-12-31", "America/Los_Angeles")).toBe("2027-01-01T08:00:00.000Z");
    expect(endOfDay("2026-06-30", "UTC")).toBe("2026-07-01T00:00:00.000Z");
    expect(endOfDay("2026-06-30", "Asia/Tokyo")).toBe("2026-06-30T15:00:00.000Z");
  });

  it("handles the days daylight saving time starts and ends", () => {
    expect(endOfDay("2026-03-07", "America/Los_Angeles")).toBe("2026-03-08T08:00:00.000Z");
    expect(endOfDay("2026-03-08", "America/Los_Angeles")).toBe("2026-03-09T07:00:00.000Z");
    expect(endOfDay("2026-10-31", "America/Los_Angeles")).toBe("2026-11-01T07:00:00.000Z");
    expect(endOfDay("2026-11-01", "America/Los_Angeles")).toBe("2026-11-02T08:00:00.000Z");
  });

  it("reads an instant's day where the programme is, not in UTC", () => {
    expect(dayIn("2026-07-01T03:00:00.000Z", "America/Los_Angeles")).toBe("2026-06-30");
    expect(dayIn("2026-07-01T07:00:00.000Z", "America/Los_Angeles")).toBe("2026-07-01");
    expect(dayIn("2026-06-30T15:00:00.000Z", "Asia/Tokyo")).toBe("2026-07-01");
  });

  it("knows real zone names only", () => {
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
