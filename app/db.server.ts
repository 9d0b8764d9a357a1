import type { Db } from "#db/connection";
import { getDb } from "./db-connection.server";

export const db: Db = getDb();

export type { Db };
