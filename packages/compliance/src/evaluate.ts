/**
 * The development-set figures of issue 9 for labelled rows: recall (violating rows not passed),
 * clean rows intercepted and blocked, and first-violation category accuracy — overall and per
 * category — with the misses listed for the report.
 */
import { CATEGORIES, type Category, type ScanResult } from './types.ts';

export interface LabelledRow {
  id: string;
  text: string;
  /** 1 violates `category`, 0 acceptable. */
  label: 0 | 1;
  category: Category | '';
}

export interface CategoryFigures {
  rows: number;
  intercepted: number;
  recall: number;
  /** Intercepted rows whose first violation has this category. */
  rightCategory: number;
  categoryAccuracy: number;
}

export interface Evaluation {
  violations: number;
  clean: number;
  recall: number;
  cleanIntercepted: number;
  cleanBlocked: number;
  categoryAccuracy: number;
  perCategory: Record<Category, CategoryFigures>;
  /** Violating rows passed. */
  missed: Array<{ id: string; category: string; text: string }>;
  /** Violating rows intercepted under another first category. */
  wrongCategory: Array<{ id: string; category: string; got: string; term: string; text: string }>;
  /** Clean rows intercepted. */
  falsePositives: Array<{ id: string; verdict: string; category: string; term: string; text: string }>;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function evaluate(rows: readonly LabelledRow[], scanOne: (text: string) => ScanResult): Evaluation {
  const per = Object.fromEntries(
    CATEGORIES.map((c) => [c, { rows: 0, intercepted: 0, recall: 0, rightCategory: 0, categoryAccuracy: 0 }]),
  ) as Record<Category, CategoryFigures>;
  const e: Evaluation = {
    violations: 0,
    clean: 0,
    recall: 0,
    cleanIntercepted: 0,
    cleanBlocked: 0,
    categoryAccuracy: 0,
    perCategory: per,
    missed: [],
    wrongCategory: [],
    falsePositives: [],
  };
  let intercepted = 0;
  let right = 0;
  let cleanHit = 0;
  let cleanBlock = 0;
  for (const row of rows) {
    const r = scanOne(row.text);
    const first = r.violations[0];
    if (row.label === 1) {
      e.violations++;
      const c = per[row.category as Category];
      if (c) c.rows++;
      if (r.verdict === 'pass') {
        e.missed.push({ id: row.id, category: row.category, text: row.text });
        continue;
      }
      intercepted++;
      if (c) c.intercepted++;
      if (first?.category === row.category) {
        right++;
        if (c) c.rightCategory++;
      } else
        e.wrongCategory.push({
          id: row.id,
          category: row.category,
          got: first?.category ?? '',
          term: first?.term ?? '',
          text: row.text,
        });
    } else {
      e.clean++;
      if (r.verdict !== 'pass') {
        cleanHit++;
        if (r.verdict === 'block') cleanBlock++;
        e.falsePositives.push({
          id: row.id,
          verdict: r.verdict,
          category: first?.category ?? '',
          term: first?.term ?? '',
          text: row.text,
        });
      }
    }
  }
  e.recall = ratio(intercepted, e.violations);
  e.cleanIntercepted = ratio(cleanHit, e.clean);
  e.cleanBlocked = ratio(cleanBlock, e.clean);
  e.categoryAccuracy = ratio(right, intercepted);
  for (const c of Object.values(per)) {
    c.recall = ratio(c.intercepted, c.rows);
    c.categoryAccuracy = ratio(c.rightCategory, c.intercepted);
  }
  return e;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** A Markdown report of an evaluation (the README's table is made with it). */
export function evaluationReport(e: Evaluation): string {
  const lines = [
    `| figure | measured | goal |`,
    `|---|---:|---:|`,
    `| violating rows intercepted (recall) | ${pct(e.recall)} (${Math.round(e.recall * e.violations)}/${e.violations}) | ≥ 92 % |`,
    `| clean rows intercepted | ${pct(e.cleanIntercepted)} (${Math.round(e.cleanIntercepted * e.clean)}/${e.clean}) | ≤ 5 % |`,
    `| clean rows blocked | ${pct(e.cleanBlocked)} (${Math.round(e.cleanBlocked * e.clean)}/${e.clean}) | ≤ 1 % |`,
    `| first violation's category right | ${pct(e.categoryAccuracy)} | ≥ 85 % |`,
    '',
    `| category | rows | intercepted | recall | category right |`,
    `|---|---:|---:|---:|---:|`,
    ...CATEGORIES.map((c) => {
      const f = e.perCategory[c];
      return `| ${c} | ${f.rows} | ${f.intercepted} | ${pct(f.recall)} | ${pct(f.categoryAccuracy)} |`;
    }),
  ];
  return lines.join('\n');
}
