/**
 * The held-out split of the sentiment corpora, by a hash of the normalised text: a text falls in
 * the same split in every corpus it appears in (the fruit corpus repeats the fruit category of the
 * e-commerce corpus), so no held-out text is ever seen in training.
 */
import { hashString } from './features.ts';

export type Split = 'train' | 'dev' | 'test';

const SPLIT_SEED = 0x5317;

/** Per cent of texts in the test (held-out) and development (tuning, calibration) splits. */
export const SPLIT_PERCENT = { test: 15, dev: 10 } as const;

/** `test` for 15 % of texts, `dev` for 10 %, `train` for the rest; depends on the text only. */
export function splitOf(normalized: string): Split {
  const b = hashString(normalized, SPLIT_SEED) % 100;
  return b < SPLIT_PERCENT.test ? 'test' : b < SPLIT_PERCENT.test + SPLIT_PERCENT.dev ? 'dev' : 'train';
}

export const SPLIT_RULE =
  'split = FNV-1a/murmur-finalised 32-bit hash (seed 0x5317) of the normalised text mod 100: 0–14 test (held out), 15–24 dev (tuning and calibration), 25–99 train';
