import type { DemoCredential } from "#db/seed/demo";

/**
 * Printed once, at seeding, and never stored in plain text. The e2e harness
 * reads these lines, so keep the `role email password` layout stable.
 */
export function printCredentials(credentials: DemoCredential[]) {
  console.log("\nDemo accounts (passwords are shown only now; store them or reset them later):");
  for (const c of credentials) console.log(`  ${c.role.padEnd(16)} ${c.email.padEnd(36)} ${c.password}`);
  console.log("The administrator and the CISO office set up an authenticator app (TOTP) at their first sign-in; the QR code is shown then.\n");
}
