import {
  chooseK,
  kMeans,
  matrix,
  silhouetteScore,
  standardize,
  type KMeansResult,
} from '@linli/intelligence';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { recordAudit } from '../../platform/audit.ts';
import type { App, Ctx } from '../../platform/context.ts';
import { withTransaction } from '../../platform/db/sql.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { listCategories } from '../catalog/index.ts';
import { featureVector, meanProfile, personaNames, profileOf } from './persona-rules.ts';
import * as repo from './personas.repo.ts';

/** The seed's three personas (section 1.1), shown next to what the data says. */
export const SEED_PERSONAS = [
  {
    key: 'silver',
    nameZh: '银发族',
    nameEn: 'Silver generation',
    share: 0.18,
    ordersPerWeek: 3,
    aovFen: 5000,
    categories: '传统蔬果',
    categoriesEn: 'Everyday produce',
  },
  {
    key: 'gen_z',
    nameZh: 'Z世代',
    nameEn: 'Gen Z',
    share: 0.27,
    ordersPerWeek: 7,
    aovFen: 8000,
    categories: '网红商品',
    categoriesEn: 'Trending items',
  },
  {
    key: 'new_middle_class',
    nameZh: '新中产',
    nameEn: 'New middle class',
    share: 0.55,
    ordersPerWeek: 5,
    aovFen: 12000,
    categories: '有机食品',
    categoriesEn: 'Organic food',
  },
];

export interface FitOptions {
  /** a fixed number of personas; otherwise the best silhouette among 2…8 */
  k?: number | undefined;
  now?: Date;
  seed?: number;
}

/**
 * Clusters every member who has ordered on their 3-D profile (frequency × order value × category
 * shares): z-scores, k-means++ with restarts, k by silhouette unless fixed; names each persona from
 * its centre and stores the members' personas.
 */
export async function fitPersonas(app: App, o: FitOptions = {}) {
  const t0 = performance.now();
  const now = o.now ?? new Date();
  const [inputs, tree] = await Promise.all([
    repo.personaInputs(app.database.pool, now),
    listCategories(app.database.pool),
  ]);
  const tops = tree.filter((c) => !c.parentCode);
  const categories = tops.map((c) => c.code);
  if (inputs.length < 10)
    throw new AppError(
      'invalid',
      'personas.too_few_members',
      `Only ${inputs.length} members have ordered; personas need at least 10`,
    );
  const profiles = inputs.map(profileOf);
  const z = standardize(matrix(profiles.map((p) => featureVector(p, categories)))).matrix;
  const options = { seed: o.seed ?? 1, restarts: 6 };
  let result: KMeansResult;
  let tried: Array<{ k: number; silhouette: number }>;
  let silhouette: number;
  if (o.k) {
    result = kMeans(z, o.k, options);
    silhouette = silhouetteScore(z, result.labels, options);
    tried = [{ k: o.k, silhouette }];
  } else {
    const chosen = chooseK(z, 2, Math.min(8, inputs.length - 1), options);
    result = chosen.best;
    tried = chosen.tried.map((t) => ({ k: t.k, silhouette: t.silhouette }));
    silhouette = chosen.tried.find((t) => t.k === chosen.k)!.silhouette;
  }
  const groups = Array.from({ length: result.k }, () => [] as typeof profiles);
  profiles.forEach((p, i) => groups[result.labels[i]!]!.push(p));
  const centres = groups.map((g) => meanProfile(g, categories));
  const names = personaNames(centres, meanProfile(profiles, categories), (code) => {
    const c = tops.find((x) => x.code === code);
    return { zh: c?.nameZh ?? code, en: c?.nameEn ?? code };
  });
  const fit = {
    id: newId('psn'),
    k: result.k,
    silhouette,
    members: inputs.length,
    detail: { features: ['log orders/week', 'log AOV', ...categories], tried },
  };
  const list = centres.map((profile, idx) => ({
    idx,
    nameZh: names[idx]!.zh,
    nameEn: names[idx]!.en,
    size: groups[idx]!.length,
    profile,
  }));
  await withTransaction(app.database, (tx) =>
    repo.saveFit(
      tx,
      fit,
      list,
      inputs.map((i) => i.memberId),
      result.labels,
      profiles,
    ),
  );
  const ms = Math.round(performance.now() - t0);
  app.log.info({ k: fit.k, silhouette, members: fit.members, ms }, 'personas fitted');
  return { ...fit, personas: list, ms };
}

export async function listPersonas(ctx: Ctx) {
  const fit = await repo.currentFit(ctx.database.pool);
  return { fit, seed: SEED_PERSONAS };
}

export async function renamePersona(
  ctx: Ctx,
  idx: number,
  body: { nameZh: string; nameEn?: string | undefined },
) {
  const fit = await repo.currentFit(ctx.database.pool);
  const before = fit?.personas.find((p) => p.idx === idx);
  if (!fit || !before)
    throw new AppError('not_found', 'personas.not_found', `No persona ${idx} in the current fit`);
  await repo.renamePersona(ctx.database.pool, fit.id, idx, body.nameZh, body.nameEn ?? before.nameEn);
  await recordAudit(ctx, {
    action: 'rename',
    entity: 'persona',
    entityId: `${fit.id}/${idx}`,
    before: { nameZh: before.nameZh },
    after: body,
  });
  return (await repo.currentFit(ctx.database.pool))!.personas.find((p) => p.idx === idx);
}

/** `member_id,persona` for every member of the current fit. */
export async function exportPersonas(app: App, file: string): Promise<number> {
  const list = await repo.personaAssignments(app.database.pool);
  if (list.length === 0)
    throw new AppError('invalid', 'personas.not_fitted', 'No personas yet: run `linli personas fit` first');
  const out = createWriteStream(file, { encoding: 'utf8' });
  out.write('member_id,persona\n');
  for (const r of list) if (!out.write(`${r.memberId},${r.persona}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return list.length;
}

export { personaOfMember } from './personas.repo.ts';
