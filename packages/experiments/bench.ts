/**
 * Assignment speed: `node packages/experiments/bench.ts`. Assigns 2M distinct member ids
 * (UUID-shaped, 36 characters) to a 3-arm experiment in a layer with a global holdout — three
 * hashes per member, the full in-process path — and prints assignments per second.
 */
import { createAssigner } from './src/index.ts';

const N = 2_000_000;
const ids = Array.from(
  { length: N },
  (_, i) => `8c0f${i.toString(16).padStart(8, '0')}-4b1e-4f0a-9d3c-5e7a1b2c3d4e`,
);
const assigner = createAssigner({
  key: 'content-title-2025-06',
  salt: 'v1',
  arms: [
    { name: 'control', weight: 1 },
    { name: 'title-b', weight: 1 },
    { name: 'title-c', weight: 1 },
  ],
  traffic: 0.8,
  layer: { key: 'content', salt: 'L1', from: 0, to: 5000 },
  holdout: { salt: 'global', share: 0.05 },
});
const plain = createAssigner({
  key: 'cover',
  arms: [
    { name: 'A', weight: 1 },
    { name: 'B', weight: 1 },
  ],
});

function run(a: typeof assigner, label: string) {
  let sink = 0;
  for (let i = 0; i < 200_000; i++) if (a.assign(ids[i]!) !== null) sink++; // warm-up
  const best: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) if (a.assign(ids[i]!) !== null) sink++;
    best.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const s = Math.min(...best);
  console.log(
    `${label}: ${(N / s / 1e6).toFixed(2)} M assignments/s (${((s / N) * 1e9).toFixed(0)} ns each; ${sink > 0 ? 'ok' : ''})`,
  );
}

run(plain, 'experiment only (1 hash)');
run(assigner, 'layer + holdout + experiment (3 hashes)');
