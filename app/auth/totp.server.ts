import { getTOTPAuthUri, verifyTOTP } from "@epic-web/totp";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import QRCode from "qrcode";

/**
 * TOTP (RFC 6238) as every common authenticator app implements it: 6 digits,
 * 30-second steps, HMAC-SHA-1. Google Authenticator ignores any other
 * algorithm in the otpauth URI and would show wrong codes; SHA-1's collision
 * weakness does not affect HMAC (RFC 4226 appendix B.1).
 */
export const TOTP = { period: 30, digits: 6, algorithm: "SHA-1" } as const;
// One step either side (±30 s) for phones whose clocks drift (RFC 6238 §5.2).
const DRIFT_STEPS = 1;
const ISSUER = "Rampart";

/** A new shared secret: 160 bits, the HMAC-SHA-1 key length RFC 4226 recommends (the library's default is 80). */
export function generateTotpSecret(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32UpperCaseNoPadding(bytes);
}

export function totpAuthUri(secret: string, accountName: string): string {
  return getTOTPAuthUri({ ...TOTP, secret, accountName, issuer: ISSUER });
}

/**
 * The QR code as a data: URI of an SVG, drawn on the server: the CSP allows
 * `img-src data:` but no inline styles or scripts, and no third party sees the secret.
 */
export async function totpQrCodeDataUri(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

const currentStep = () => Math.floor(Date.now() / 1000 / TOTP.period);

/**
 * The time step a code belongs to, or null when it matches none within the
 * allowed drift. The caller must still refuse a step at or before the last
 * one used (see claimTotpStep) so a code works once.
 */
export async function matchTotpStep(secret: string, code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  // The library reads the clock itself; if a step boundary passes during the
  // check, check again so the step we report is the one it matched against.
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = currentStep();
    const result = await verifyTOTP({ otp: code, secret, ...TOTP, window: DRIFT_STEPS });
    if (currentStep() === before) return result ? before + result.delta : null;
  }
  return null;
}

/** Digits only, without the spaces some apps show in the middle of a code. */
export function normalizeTotpCode(input: string): string {
  return input.replace(/[\s-]/g, "");
}
