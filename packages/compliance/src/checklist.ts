/**
 * What the workflow needs beside the matcher: the twelve categories as the default human-review
 * checklist (title and legal basis from the shipped packs), and the categories whose hits require
 * the legal sign-off of stage 3.
 */
import { defaultPacks } from './packs/index.ts';
import type { Category } from './types.ts';

export interface ChecklistItem {
  category: Category;
  title: string;
  law: string;
}

/** The default 12-item checklist of stage 2, in the order of `CATEGORIES`. */
export function defaultChecklist(): ChecklistItem[] {
  return defaultPacks().map((p) => ({ category: p.category, title: p.title ?? p.category, law: p.law }));
}

/**
 * High-risk categories (issue 9): health and medical claims, price claims, comparisons with
 * competitors and the use of authority — a hit in one of them makes the legal sign-off mandatory.
 */
export const HIGH_RISK: readonly Category[] = [
  'medical_claims',
  'price_fraud',
  'disparagement',
  'authority_endorsement',
];
