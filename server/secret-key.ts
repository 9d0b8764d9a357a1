import type { Db } from "#db/connection";
import { SecretKeyError } from "~/auth/secret-box.server";
import { loadKeyring } from "~/auth/secret-keys.server";
import { prepareSecretsAtRest } from "~/auth/secrets-at-rest.server";

/**
 * Start-up: load the key that seals stored secrets (writing a key file beside
 * the database on a first run without RAMPART_SECRET_KEY, and saying so),
 * seal any secret still in plain text, and prove every stored secret opens.
 * A missing or wrong key stops the server here with a message, instead of
 * every enrolled user's two-step sign-in failing later.
 */
export function prepareSecretsAtStart(db: Db) {
  try {
    const { keyring } = loadKeyring(process.env, { generate: true, log: (line) => console.log(line) });
    const { sealed } = prepareSecretsAtRest(db, () => keyring);
    if (sealed) console.log(`Sealed ${sealed} stored secret(s) that were in plain text, with key ${keyring.current.id}.`);
  } catch (error) {
    if (!(error instanceof SecretKeyError)) throw error;
    console.error(`Error: ${error.message}`);
    process.exit(1);
  }
}
