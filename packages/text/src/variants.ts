/**
 * The sentiment model variants trained by `npm run train:sentiment`, and the ones stacked into the
 * shipped model. Changing anything here changes the artifact: retrain and commit both.
 */
import type { Variant } from './train-pipeline.ts';

/** 2^21 buckets: int16 weights make a 4 MiB linear part. */
export const SENTIMENT_BITS = 21;

const CHARS = { charMin: 1, charMax: 3, words: false, wordBigrams: false };
const BOTH = { charMin: 1, charMax: 3, words: true, wordBigrams: true };

export const SENTIMENT_VARIANTS: Variant[] = [
  {
    name: 'char-lr',
    description: 'baseline: character 1–3-grams, logistic regression',
    spec: CHARS,
    l2: [4, 2],
  },
  {
    name: 'char-word-lr',
    description: 'character 1–3-grams + jieba words and word bigrams, logistic regression',
    spec: BOTH,
    l2: [4, 2],
  },
  {
    name: 'char-word-nblr',
    description: 'the same features scaled by naive-Bayes log-count ratios (NB-SVM style, α 1, β 1)',
    spec: BOTH,
    nb: { alpha: 1, beta: 1 },
    l2: [16, 8, 4],
  },
  {
    name: 'char-word-nblr-balanced',
    description: 'char-word-nblr with every corpus given the same total weight in training',
    spec: BOTH,
    nb: { alpha: 1, beta: 1 },
    l2: [16, 8, 4],
    balanceCorpora: true,
  },
  {
    name: 'mlp',
    description:
      'small neural network on the same hashed features: 16-d embeddings (2^18 rows), sum ÷ √n, 16 ReLU units, logistic output; SGD, 5 epochs, seeded',
    spec: BOTH,
    l2: [],
    mlp: { bits: 18, dim: 16, hidden: 16, epochs: 5, learningRate: 0.2, seed: 1 },
  },
];

/** Stacked on the dev split (corpus-balanced, non-negative logistic regression on their scores). */
export const SENTIMENT_ENSEMBLE = ['char-word-nblr', 'char-word-nblr-balanced', 'mlp'];
