import { Command, Option } from 'commander';
import { createApp } from './app.ts';
import { ensureConsoleBuilt } from './console-build.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { cliCtx, ROLES, type App, type Role } from './platform/context.ts';
import { createApiKey, createUser, ensureAdmin } from './platform/auth/auth.service.ts';
import { backup, restore } from './platform/db/backup.ts';
import { AppError } from './platform/errors.ts';
import { createServer } from './routes.ts';
import { startWorker } from './worker.ts';
import { refreshRollups, type RefreshFrom } from './modules/insights/index.ts';
import { exportPersonas, fitMemberValues, fitPersonas, refreshTags } from './modules/intelligence/index.ts';

/** Runs `fn` with an App and always closes the database (and the embedded server) afterwards. */
async function withApp<T>(fn: (app: App) => Promise<T>, opts: { logLevel?: string } = {}): Promise<T> {
  const app = await createApp(loadConfig(), { logLevel: opts.logLevel ?? 'warn' });
  try {
    return await fn(app);
  } finally {
    await app.database.close();
  }
}

async function serve(app: App, withWorker: boolean): Promise<void> {
  const admin = await ensureAdmin(cliCtx(app, 'start'), app.config.LINLI_ADMIN_PASSWORD);
  if (admin.password)
    console.log(
      `\n  Created user "admin" with password: ${admin.password}\n  (shown once; change it after logging in)\n`,
    );
  const server = await createServer(app);
  const worker = withWorker ? await startWorker(app) : null;
  await server.listen({ port: app.config.PORT, host: app.config.HOST });
  console.log(
    `Linli is running on http://localhost:${app.config.PORT} (database: ${app.database.kind}); API docs at /api/docs`,
  );
  const stop = async () => {
    await server.close();
    await worker?.stop();
    await app.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

const program = new Command('linli')
  .description('Linli (邻里) community group-buying operations platform')
  .showHelpAfterError();

program
  .command('start')
  .description(
    'embedded database + migrations + server + worker; loads the demo community into an empty database',
  )
  .option('--no-demo', 'do not load the demo community into an empty database')
  .action(async (opts: { demo: boolean }) => {
    const config = loadConfig();
    await ensureConsoleBuilt(config.webDir);
    const app = await createApp(config);
    if (opts.demo) {
      const [r] = (await app.database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM members'))
        .rows;
      if (r?.n === 0) await loadDemoInto(app, { members: 23000, months: 12, seed: 1 });
    }
    await serve(app, true);
  });

program
  .command('server')
  .description('HTTP server only')
  .action(async () => serve(await createApp(loadConfig()), false));
program
  .command('worker')
  .description('background jobs only')
  .action(async () => {
    const app = await createApp(loadConfig());
    const worker = await startWorker(app);
    process.once(
      'SIGTERM',
      () =>
        void worker
          .stop()
          .then(() => app.database.close())
          .then(() => process.exit(0)),
    );
    process.once(
      'SIGINT',
      () =>
        void worker
          .stop()
          .then(() => app.database.close())
          .then(() => process.exit(0)),
    );
  });
program
  .command('migrate')
  .description('apply database migrations')
  .action(async () => withApp(async () => console.log('migrations applied')));

program
  .command('import')
  .description('import members|orders|products|events from CSV/XLSX, or `completejourney DIR`')
  .argument('<kind>', 'members | orders | products | events | completejourney')
  .argument('<file>', 'CSV or XLSX file (a directory for completejourney)')
  .option('--report <file>', 'where to write rejected rows (default: <file>.rejected.csv)')
  .option('--batch-size <n>', 'items per batch', (v) => Number(v), 1000)
  .action(async (kind: string, file: string, opts: { report?: string; batchSize: number }) =>
    withApp(async (app) => {
      const imports = await import('./modules/imports/index.ts');
      const summary =
        kind === 'completejourney'
          ? await imports.importCompleteJourney(app, file, {
              reportFile: opts.report,
              progress: process.stderr.isTTY,
              batchSize: opts.batchSize,
            })
          : await imports.runImport(app, kind as 'members', file, {
              reportFile: opts.report,
              progress: process.stderr.isTTY,
              batchSize: opts.batchSize,
            });
      console.log(JSON.stringify(summary, null, 2));
      await refreshDashboard(app, 'changed');
    }),
  );

/** Brings the dashboard's rollups up to date after a bulk load, with a line about it. */
async function refreshDashboard(app: App, from: RefreshFrom): Promise<void> {
  const result = await refreshRollups(app, from);
  if (result)
    console.error(`dashboard rollups refreshed from ${result.since} in ${(result.ms / 1000).toFixed(1)} s`);
}

async function loadDemoInto(
  app: App,
  o: { members: number; months: number; seed: number; truth?: string; replace?: boolean },
) {
  const { loadDemo } = await import('./modules/demo/index.ts');
  let lastPhase = '';
  const summary = await loadDemo(
    app.database,
    { ...o, keys: app.pii, truthFile: o.truth, replace: o.replace },
    (p) => {
      if (p.phase !== lastPhase && process.stderr.isTTY) process.stderr.write(`\n${p.phase} `);
      lastPhase = p.phase;
      if (process.stderr.isTTY) process.stderr.write(`\r${p.phase}: ${p.done}/${p.total}   `);
    },
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(JSON.stringify(summary, null, 2));
  await refreshDashboard(app, 'all');
  // personas and values first, so model tags and segments see them in the same refresh
  const personas = await fitPersonas(app);
  const values = await fitMemberValues(app);
  console.error(`personas: k = ${personas.k}; member values: ${values.members} members`);
  // texts scored first too: the emotion tags read their sentiment and aspects
  const { drainTextQueue } = await import('./modules/text/index.ts');
  console.error(`texts scored: ${await drainTextQueue(app)}`);
  const tags = await refreshTags(app);
  console.error(
    `member tags refreshed: ${tags.tags} tags, ${tags.entered} memberships, ${(tags.ms / 1000).toFixed(1)} s`,
  );
}

program
  .command('refresh')
  .description('recompute the dashboard rollups (the worker does this every 5 minutes for what changed)')
  .option('--from <day>', "first day to recompute (YYYY-MM-DD), 'changed' or 'all'", 'all')
  .action(async (o: { from: string }) => withApp((app) => refreshDashboard(app, o.from)));

program
  .command('demo')
  .description('generate the demo community (deterministic for a seed)')
  .option('--members <n>', 'number of members', (v) => Number(v), 23000)
  .option('--months <m>', 'months of history', (v) => Number(v), 12)
  .option('--seed <s>', 'random seed', (v) => Number(v), 1)
  .option('--truth <file>', 'write the hidden persona of each member (member_id,persona)')
  .option('--replace', 'delete earlier demo data first')
  .action(async (o: { members: number; months: number; seed: number; truth?: string; replace?: boolean }) =>
    withApp((app) => loadDemoInto(app, o)),
  );

program
  .command('clv')
  .description('customer lifetime value models (no database)')
  .command('fit')
  .description('fit BG/NBD and Gamma-Gamma on a transactions CSV (customer_id, date, amount), in weeks')
  .requiredOption('--transactions <file>', 'CSV with customer_id, date (YYYY-MM-DD), amount')
  .requiredOption('--calibration-end <day>', 'last day of the calibration period (YYYY-MM-DD)')
  .option('--holdout-end <day>', 'last day of a holdout period to compare the forecast with')
  .option('--json', 'print the result as JSON')
  .action(
    async (o: { transactions: string; calibrationEnd: string; holdoutEnd?: string; json?: boolean }) => {
      const { runClvFit } = await import('./modules/intelligence/index.ts');
      await runClvFit(o);
    },
  );

const personas = program
  .command('personas')
  .description('3-D member personas (frequency × order value × categories)');
personas
  .command('fit')
  .description('cluster every member who has ordered into personas (k by silhouette unless --k)')
  .option('--k <n>', 'a fixed number of personas', (v) => Number(v))
  .action(async (o: { k?: number }) =>
    withApp(async (app) => {
      const fit = await fitPersonas(app, { k: o.k });
      console.log(
        JSON.stringify(
          {
            k: fit.k,
            silhouette: fit.silhouette,
            members: fit.members,
            personas: fit.personas.map((p) => ({ name: p.nameZh, size: p.size, ...p.profile })),
          },
          null,
          2,
        ),
      );
    }),
  );
personas
  .command('export')
  .description('write member_id,persona for every member of the current fit')
  .requiredOption('--out <file>', 'CSV file to write')
  .action(async (o: { out: string }) =>
    withApp(async (app) => console.error(`${await exportPersonas(app, o.out)} members written to ${o.out}`)),
  );

const forecast = program
  .command('forecast')
  .description('demand forecasts and purchases for fresh produce; no database needed');
forecast
  .command('backtest')
  .description(
    'rolling-origin forecasts from a sales CSV (date,item_code,qty): at each origin only earlier rows are read',
  )
  .requiredOption('--sales <file>', 'CSV with date,item_code,qty (a missing item-day sold nothing)')
  .requiredOption('--from <date>', 'first origin, YYYY-MM-DD')
  .requiredOption('--to <date>', 'last origin, YYYY-MM-DD')
  .option('--horizon <days>', 'days forecast from each origin', (v) => Number(v), 7)
  .option('--step <days>', 'days between origins', (v) => Number(v), 1)
  .option('--items <file>', 'CSV with item_code,loss_rate_pct[,unit_cost,price] for the purchases')
  .requiredOption('--out <file>', 'CSV to write: origin,date,item_code,forecast,p10,p90,order_qty')
  .option('--json', 'print the summary (WAPE, simulation of Linli and the naive policy) as JSON')
  .action(
    async (o: {
      sales: string;
      from: string;
      to: string;
      horizon: number;
      step: number;
      items?: string;
      out: string;
      json?: boolean;
    }) => {
      const f = await import('./modules/forecasting/forecast.cli.ts');
      const tty = process.stderr.isTTY;
      const summary = await f.runBacktest({
        ...o,
        onProgress: tty ? (done, total) => process.stderr.write(`\rorigin ${done}/${total}`) : undefined,
      });
      if (tty) process.stderr.write('\n');
      if (o.json) console.log(JSON.stringify(summary));
      else console.log(f.summaryText(summary));
      if (o.json) for (const w of summary.warnings) console.error(`warning: ${w}`);
    },
  );

const text = program
  .command('text')
  .description('Chinese text analysis of one CSV column (UTF-8 or GBK); no database needed');
text
  .command('sentiment')
  .description('sentiment, complaint intensity 0–100 and aspects with polarity, one line per data row')
  .requiredOption('--input <file>', 'CSV file with a header row')
  .option('--column <name>', 'the column holding the text', 'text')
  .option('--json', 'one JSON object per row: {"row","label","probability","intensity","aspects"}')
  .action(async (o: { input: string; column: string; json?: boolean }) => {
    const t = await import('./modules/text/text.cli.ts');
    await t.printLines(t.sentimentLines(o.input, o.column), o.json === true, t.sentimentText);
  });
text
  .command('keywords')
  .description('risk keywords with severity (spacing, symbol and traditional-character tricks folded)')
  .requiredOption('--input <file>', 'CSV file with a header row')
  .option('--column <name>', 'the column holding the text', 'text')
  .option('--lexicon <file>', 'term<TAB>high|medium|low[<TAB>category] lines instead of the default lexicon')
  .option('--json', 'one JSON object per row: {"row","hits":[{"term","severity"}]}')
  .action(async (o: { input: string; column: string; lexicon?: string; json?: boolean }) => {
    const t = await import('./modules/text/text.cli.ts');
    await t.printLines(t.keywordLines(o.input, o), o.json === true, t.keywordText);
  });

text
  .command('rescore')
  .description('score queued texts and re-score those an older model scored (resumable), then refresh tags')
  .action(async () =>
    withApp(async (app) => {
      const { rescoreTexts } = await import('./modules/text/index.ts');
      const r = await rescoreTexts(app, (n) => {
        if (process.stderr.isTTY) process.stderr.write(`\rscored ${n}   `);
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      console.log(JSON.stringify(r));
      await refreshTags(app);
    }),
  );

const user = program.command('user').description('operator accounts');
user
  .command('create')
  .argument('<username>')
  .requiredOption('--password <password>', 'at least 8 characters')
  .addOption(new Option('--role <role...>', 'one or more roles').choices([...ROLES]).makeOptionMandatory())
  .option('--name <display>', 'display name')
  .option('--community <id...>', 'communities a leader may see')
  .action(
    async (username: string, o: { password: string; role: Role[]; name?: string; community?: string[] }) =>
      withApp(async (app) => {
        const u = await createUser(cliCtx(app, 'user create'), {
          username,
          password: o.password,
          roles: o.role,
          displayName: o.name,
          communityIds: o.community,
        });
        console.log(`created user ${u.username} (${u.id}) with roles ${u.roles.join(', ')}`);
      }),
  );

program
  .command('apikey')
  .description('API keys for machine clients')
  .command('create')
  .requiredOption('--name <name>')
  .option('--scopes <scope...>', 'ingest | read | admin', ['ingest'])
  .action(async (o: { name: string; scopes: string[] }) =>
    withApp(async (app) => {
      const k = await createApiKey(cliCtx(app, 'apikey create'), o);
      console.log(`API key ${k.id} created. Secret (shown once, send as x-api-key):\n${k.key}`);
    }),
  );

program
  .command('backup')
  .argument('<file>', 'output file (.jsonl.gz)')
  .action(async (file: string) =>
    withApp(async (app) => console.log(JSON.stringify(await backup(app.database, file)))),
  );
program
  .command('restore')
  .argument('<file>')
  .description('replace all data with a backup')
  .action(async (file: string) =>
    withApp(async (app) => console.log(JSON.stringify(await restore(app.database, file)))),
  );

const experiments = program
  .command('experiments')
  .description('statistics of a content experiment from a unit-level CSV; no database needed');
experiments
  .command('analyze')
  .description(
    'per variant and metric: lift with 95 % CI, p (Welch for means, z for 0/1 columns), Holm, SRM, chance to beat control, CUPED',
  )
  .requiredOption('--input <file>', 'CSV, one row per unit: a variant column and numeric metric columns')
  .option('--control <name>', 'the control variant (default: the first in sorted order)')
  .option('--covariate <column>', 'pre-period column for CUPED (not a metric itself)')
  .option('--weights <list>', 'configured split for the SRM check, e.g. A=0.5,B=0.5 (default: equal)')
  .option('--winsorize <list>', 'cap columns at a percentile of all units first, e.g. dwell_ms=0.99')
  .option('--json', 'print {"srm","variants","comparisons","warnings"} as JSON (values not rounded)')
  .action(
    async (o: {
      input: string;
      control?: string;
      covariate?: string;
      weights?: string;
      winsorize?: string;
      json?: boolean;
    }) => {
      const x = await import('./modules/experiments/experiments.cli.ts');
      const r = await x.analyzeFile(o);
      console.log(o.json ? JSON.stringify(r) : x.analysisText(r));
    },
  );
experiments
  .command('factorial')
  .description('main effects of each factor level (OLS, HC1 robust SEs) and the best predicted combination')
  .requiredOption('--input <file>', 'CSV, one row per unit: a column per factor and the metric')
  .requiredOption('--factors <list>', 'factor columns, e.g. title,cover,cta (reference = first level sorted)')
  .requiredOption('--metric <column>', 'the numeric metric column, e.g. converted')
  .option('--json', 'print {"intercept","effects","best","n","warnings"} as JSON (values not rounded)')
  .action(async (o: { input: string; factors: string; metric: string; json?: boolean }) => {
    const x = await import('./modules/experiments/experiments.cli.ts');
    const r = await x.factorialFile(o);
    console.log(o.json ? JSON.stringify(r) : x.factorialText(r));
  });

const compliance = program
  .command('compliance')
  .description(
    'compliance review of marketing copy (广告法, 食品安全法, price and platform rules); no database needed',
  );
compliance
  .command('scan')
  .description(
    'automatic screen of one CSV column: verdict pass|review|block and the violations, one line per data row',
  )
  .requiredOption('--input <file>', 'CSV file with a header row (UTF-8 or GBK)')
  .option('--column <name>', 'the column holding the copy', 'text')
  .option(
    '--json',
    'one JSON object per row: {"row","verdict","violations":[{"category","term","start","end","severity","law","suggestion"}]}',
  )
  .option(
    '--lexicon <file...>',
    'extra term lists (one term a line) screened as prohibited_content, severity review',
  )
  .option(
    '--packs <file>',
    'rule packs as JSON (one pack or an array) replacing the shipped pack of the same id',
  )
  .action(
    async (o: { input: string; column: string; json?: boolean; lexicon?: string[]; packs?: string }) => {
      const c = await import('./modules/compliance/compliance.cli.ts');
      await c.printLines(c.scanLines(o.input, o), o.json === true, c.scanText);
    },
  );

const opinion = program
  .command('opinion')
  .description('public-opinion triage of member messages (level 0–3, category, reasons); no database needed');
opinion
  .command('triage')
  .description('triage of one CSV column: level, category and reasons, one line per data row')
  .requiredOption('--input <file>', 'CSV file with a header row (UTF-8 or GBK)')
  .option('--column <name>', 'the column holding the messages', 'text')
  .option('--json', 'one JSON object per row: {"row","level","category","reasons"}')
  .action(async (o: { input: string; column: string; json?: boolean }) => {
    const c = await import('./modules/opinion/opinion.cli.ts');
    await c.printTriage(c.triageLines(o.input, o), o.json === true);
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError || err instanceof AppError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
