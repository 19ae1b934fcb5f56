/**
 * The shipped rule packs, one per category. Each is plain data (JSON-serialisable) with its own
 * version; `defaultPacks()` hands out deep copies, so an editor may change them freely.
 */
import type { RulePack } from '../types.ts';
import { absoluteTerms } from './absolute-terms.ts';
import { authorityEndorsement } from './authority-endorsement.ts';
import { disparagement } from './disparagement.ts';
import { falseClaims } from './false-claims.ts';
import { guarantee } from './guarantee.ts';
import { inducement } from './inducement.ts';
import { medicalClaims } from './medical-claims.ts';
import { minors } from './minors.ts';
import { personalInfo } from './personal-info.ts';
import { priceFraud } from './price-fraud.ts';
import { prohibitedContent } from './prohibited-content.ts';
import { superstition } from './superstition.ts';

const PACKS: readonly RulePack[] = [
  absoluteTerms,
  medicalClaims,
  falseClaims,
  priceFraud,
  inducement,
  disparagement,
  guarantee,
  authorityEndorsement,
  minors,
  prohibitedContent,
  personalInfo,
  superstition,
];

/** Deep copies of the twelve shipped packs, in the order of `CATEGORIES`. */
export function defaultPacks(): RulePack[] {
  return structuredClone(PACKS as RulePack[]);
}
