export { textScores, textQueue, riskTerms } from './text.schema.ts';
export * as textKpis from './kpis.repo.ts';
export { TEXT_SIGNALS } from './kpis.repo.ts';
export { drainTextQueue, rescoreTexts, scoreQueuedTexts, startTextScoring } from './scoring.service.ts';
export { currentRiskMatcher, syncBuiltinTerms } from './lexicon.service.ts';
