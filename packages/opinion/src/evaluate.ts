/**
 * The figures of issue 10 for labelled messages, defined as the data README's scorer defines them:
 * level-3 recall and precision, level ≥ 2 recall, level-0 rows escalated to 2 or 3, exact-level
 * accuracy, category accuracy over the rows labelled ≥ 1, under-escalation, and the confusion
 * matrix, with the wrong rows listed for the report.
 */
import type { Category, Level, TriageResult } from './types.ts';

export interface LabelledMessage {
  id: string;
  text: string;
  level: Level;
  /** '' for level 0. */
  category: Category | '';
}

export interface LevelFigures {
  rows: number;
  /** Rows given exactly this level. */
  right: number;
}

export interface Evaluation {
  rows: number;
  level3Recall: number;
  level3Precision: number;
  level2PlusRecall: number;
  level0Escalated: number;
  level0Alerted: number;
  exactAccuracy: number;
  categoryAccuracy: number;
  underEscalation: number;
  severeUnderEscalation: number;
  /** confusion[label][given]. */
  confusion: number[][];
  perLevel: Record<Level, LevelFigures>;
  /** Rows given another level, or (level ≥ 1) another category. */
  wrong: Array<{ id: string; level: Level; got: Level; category: string; gotCategory: string; text: string }>;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function evaluate(
  rows: readonly LabelledMessage[],
  triageOne: (text: string) => TriageResult,
): Evaluation {
  const confusion = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  const wrong: Evaluation['wrong'] = [];
  let categoryRows = 0;
  let categoryRight = 0;
  for (const row of rows) {
    const r = triageOne(row.text);
    confusion[row.level]![r.level]!++;
    if (row.level >= 1) {
      categoryRows++;
      if (r.category === row.category) categoryRight++;
    }
    if (r.level !== row.level || (row.level >= 1 && r.category !== row.category))
      wrong.push({
        id: row.id,
        level: row.level,
        got: r.level,
        category: row.category,
        gotCategory: r.category ?? '',
        text: row.text,
      });
  }
  const c = confusion;
  const labelled = (l: number) => c[l]!.reduce((a, b) => a + b, 0);
  const given = (l: number) => c.reduce((a, row) => a + row[l]!, 0);
  const high = labelled(2) + labelled(3);
  const highCaught = c[2]![2]! + c[2]![3]! + c[3]![2]! + c[3]![3]!;
  const under = c[2]![0]! + c[2]![1]! + c[3]![0]! + c[3]![1]! + c[3]![2]!;
  const severe = c[2]![0]! + c[3]![0]! + c[3]![1]!;
  const diagonal = c[0]![0]! + c[1]![1]! + c[2]![2]! + c[3]![3]!;
  return {
    rows: rows.length,
    level3Recall: ratio(c[3]![3]!, labelled(3)),
    level3Precision: ratio(c[3]![3]!, given(3)),
    level2PlusRecall: ratio(highCaught, high),
    level0Escalated: ratio(c[0]![2]! + c[0]![3]!, labelled(0)),
    level0Alerted: ratio(c[0]![1]! + c[0]![2]! + c[0]![3]!, labelled(0)),
    exactAccuracy: ratio(diagonal, rows.length),
    categoryAccuracy: ratio(categoryRight, categoryRows),
    underEscalation: ratio(under, high),
    severeUnderEscalation: ratio(severe, high),
    confusion,
    perLevel: {
      0: { rows: labelled(0), right: c[0]![0]! },
      1: { rows: labelled(1), right: c[1]![1]! },
      2: { rows: labelled(2), right: c[2]![2]! },
      3: { rows: labelled(3), right: c[3]![3]! },
    },
    wrong,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** A Markdown report: the five bars with their goals, the other figures and the confusion matrix. */
export function evaluationReport(e: Evaluation): string {
  const c = e.confusion;
  const given3 = c.reduce((a, row) => a + row[3]!, 0);
  const bar = (name: string, value: number, goal: string, ok: boolean, detail = '') =>
    `| ${name} | ${pct(value)}${detail} | ${goal} | ${ok ? 'met' : '**missed**'} |`;
  return [
    '| figure | measured | goal | |',
    '|---|---:|---:|---|',
    bar(
      'level-3 recall',
      e.level3Recall,
      '≥ 95 %',
      e.level3Recall >= 0.95,
      ` (${c[3]![3]}/${e.perLevel[3].rows})`,
    ),
    bar(
      'level-3 precision',
      e.level3Precision,
      '≥ 80 %',
      e.level3Precision >= 0.8,
      ` (${c[3]![3]}/${given3})`,
    ),
    bar('level ≥ 2 recall', e.level2PlusRecall, '≥ 90 %', e.level2PlusRecall >= 0.9),
    bar('level-0 escalated to 2 or 3', e.level0Escalated, '≤ 3 %', e.level0Escalated <= 0.03),
    bar('exact level', e.exactAccuracy, '≥ 80 %', e.exactAccuracy >= 0.8),
    bar('category (rows labelled ≥ 1)', e.categoryAccuracy, '≥ 80 %', e.categoryAccuracy >= 0.8),
    '',
    `Under-escalation ${pct(e.underEscalation)} (severe: ${pct(e.severeUnderEscalation)}); ` +
      `level-0 rows given any alert ${pct(e.level0Alerted)}.`,
    '',
    '| label \\ given | 0 | 1 | 2 | 3 |',
    '|---|---:|---:|---:|---:|',
    ...c.map((row, l) => `| ${l} | ${row.join(' | ')} |`),
  ].join('\n');
}
