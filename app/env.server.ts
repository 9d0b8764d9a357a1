import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "1" || v === "true"));

// Validated once; a bad value stops start-up with a message rather than misbehaving later.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_PATH: z.string().min(1).default("data/rampart.db"),
  SECURE_COOKIES: flag,
  REQUIRE_MFA: flag,
  // Public origin when behind a proxy (used for the Origin check and printed links).
  APP_ORIGIN: z.string().url().optional(),
  // Trust X-Forwarded-For from a reverse proxy in front of us.
  TRUST_PROXY: flag,
});

export type Env = z.infer<typeof EnvSchema> & { REQUIRE_MFA: boolean; SECURE_COOKIES: boolean };

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const env = parsed.data;
  cached = {
    ...env,
    // MFA is required for privileged roles in production unless explicitly turned off.
    REQUIRE_MFA: env.REQUIRE_MFA ?? env.NODE_ENV === "production",
    SECURE_COOKIES: env.SECURE_COOKIES ?? false,
  };
  return cached;
}
