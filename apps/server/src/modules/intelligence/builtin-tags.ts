import type { TagInput } from '@linli/contracts';
import { BASE_TAGS } from './catalogue/base.ts';
import { BEHAVIOUR_TAGS } from './catalogue/behaviour.ts';
import { EMOTION_TAGS } from './catalogue/emotion.ts';
import { MODEL_TAGS } from './catalogue/model.ts';

/**
 * The built-in tag catalogue for a fresh-grocery group-buying business (seed 1.1, 2.2). Each tag
 * is a rule over member attributes, rolling order aggregates and event counts; operators can
 * disable them or copy them into their own.
 */
export const BUILTIN_TAGS: TagInput[] = [...BASE_TAGS, ...BEHAVIOUR_TAGS, ...EMOTION_TAGS, ...MODEL_TAGS].map(
  ([key, kind, nameZh, nameEn, descriptionZh, rule]) => ({
    key,
    kind,
    nameZh,
    nameEn,
    descriptionZh,
    descriptionEn: '',
    rule,
    enabled: true,
  }),
);
