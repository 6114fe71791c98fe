import type { Config } from '../config.ts';
import type { Db } from '../db/create-db.ts';
import type { Logger } from '../logger.ts';

/** What every service and route gets; built once in server.ts (or a test). */
export interface Deps {
  db: Db;
  config: Config;
  now: () => Date;
  logger: Logger;
}
