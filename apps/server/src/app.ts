import { loadConfig, type Config } from './platform/config.ts';
import type { App } from './platform/context.ts';
import { openDatabase, runMigrations } from './platform/db/index.ts';
import { createLogger } from './platform/log.ts';
import { derivePiiKeys } from './platform/pii.ts';

/** Opens the database (embedded or DATABASE_URL), applies migrations, and assembles the App. */
export async function createApp(
  config: Config = loadConfig(),
  opts: { migrate?: boolean; logLevel?: string } = {},
): Promise<App> {
  const log = createLogger(opts.logLevel ?? config.LINLI_LOG_LEVEL);
  if (config.secretKeyGenerated)
    log.warn(
      `Generated a new encryption key for personal data at ${config.dataDir}/secret.key — back it up: without it phone numbers cannot be read`,
    );
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    embeddedPort: config.LINLI_PGLITE_PORT,
  });
  if (opts.migrate !== false) await runMigrations(database);
  return { config, database, db: database.db, log, pii: derivePiiKeys(config.secretKey) };
}
