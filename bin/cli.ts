/**
 * Rampart's command line: `npm run cli -- <command> [options]`.
 * Exit codes: 0 done, 1 the command failed, 2 bad arguments.
 */
import { parseArgs } from "node:util";
import { COMMANDS, type Command } from "./commands";

class UsageError extends Error {}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const indent = " ".repeat(width + 3);
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)} ${c.summary}\n${c.usage ? `${indent}${c.usage}\n` : ""}`);
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join("")}\nEnvironment: DATABASE_PATH (default data/rampart.db).`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command: Command | undefined = COMMANDS[name as keyof typeof COMMANDS];
  if (!command) throw new UsageError(`Unknown command "${name}".`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options ?? {}, strict: true, allowPositionals: Boolean(command.positionals) });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return command.run(parsed.values as Record<string, string | boolean | undefined>, {
    usageError: (m) => new UsageError(m),
    positionals: parsed.positionals,
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`Error: ${error.message}\nRun \`npm run cli -- help\` for the commands and their options.`);
      process.exit(2);
    }
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
