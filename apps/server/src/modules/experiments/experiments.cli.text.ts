/** The readable tables `linli experiments analyze|factorial` print without --json. */
import type { Analysis, FactorialOut } from './experiments.cli.types.ts';

/** 4 significant digits, exponent notation for the very small or large; '–' for null. */
export function num(x: number | null | undefined): string {
  if (x === null || x === undefined) return '–';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-4 || a >= 1e7) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : `${(x * 100).toFixed(2)} %`;

function table(head: string[], rows: string[][]): string {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  return [line(head), line(width.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function analysisText(r: Analysis): string {
  const out: string[] = [];
  out.push(
    r.srm.mismatch
      ? `!! SAMPLE-RATIO MISMATCH: χ² = ${num(r.srm.chi2)}, p = ${num(r.srm.pValue)}. Assignment or logging is broken: do not trust the results below.`
      : `sample ratio: χ² = ${num(r.srm.chi2)}, p = ${num(r.srm.pValue)} (consistent with the configured split)`,
  );
  const metrics = [...new Set(r.comparisons.map((c) => c.metric))];
  for (const metric of metrics) {
    const rows = r.comparisons.filter((c) => c.metric === metric);
    const first = rows[0]!;
    const control = r.variants.find((v) => v.variant === first.control)!;
    const prop = first.test === 'z';
    const cup = first.cuped !== undefined;
    out.push(
      '',
      `${metric} (${prop ? 'proportion, z-test' : 'mean, Welch t-test'}); control ${first.control}: n ${control.metrics[metric]!.n}, mean ${num(control.metrics[metric]!.mean)}`,
    );
    const head = ['variant', 'n', 'mean', 'lift', 'rel. lift', '95 % CI', 'p', 'p (Holm)'];
    if (prop) head.push('P(beat)');
    if (cup) head.push('CUPED lift', 'CUPED 95 % CI', 'CUPED p', 'var. red.');
    out.push(
      table(
        head,
        rows.map((c) => {
          const v = r.variants.find((x) => x.variant === c.variant)!.metrics[metric]!;
          const cells = [
            c.variant,
            String(v.n),
            num(v.mean),
            num(c.absoluteLift),
            pct(c.relativeLift),
            `${num(c.ciLow)} … ${num(c.ciHigh)}`,
            num(c.pValue),
            num(c.pValueHolm),
          ];
          if (prop) cells.push(pct(c.chanceToBeatControl));
          if (c.cuped)
            cells.push(
              num(c.cuped.absoluteLift),
              `${num(c.cuped.ciLow)} … ${num(c.cuped.ciHigh)}`,
              num(c.cuped.pValue),
              pct(c.cuped.varianceReduction),
            );
          return cells;
        }),
      ),
    );
  }
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return out.join('\n');
}

export function factorialText(r: FactorialOut): string {
  const out = [
    `intercept (every factor at its reference level): ${num(r.intercept.estimate)} (se ${num(r.intercept.se)}), ${r.n} units`,
  ];
  out.push(
    table(
      ['factor', 'level', 'effect', 'se', '95 % CI', 'p'],
      r.effects.map((e) => [
        e.factor,
        e.level,
        num(e.estimate),
        num(e.se),
        `${num(e.ciLow)} … ${num(e.ciHigh)}`,
        num(e.pValue),
      ]),
    ),
  );
  const { predicted, se, ciLow, ciHigh, ...levels } = r.best;
  out.push(
    `best predicted combination: ${Object.entries(levels)
      .map(([f, l]) => `${f}=${l}`)
      .join(
        ', ',
      )}: ${num(predicted as number)} (95 % CI ${num(ciLow as number | null)} … ${num(ciHigh as number | null)}, se ${num(se as number | null)})`,
  );
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return out.join('\n');
}
