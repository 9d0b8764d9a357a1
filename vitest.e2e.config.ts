import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// The browser suite drives the built server in Debian's Chromium; one file at a time keeps two cores responsive.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
