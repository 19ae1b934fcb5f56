import type { SQL } from '../../platform/db/fragments.ts';

/** What a rule may test: a typed, labelled SQL value over `members m` and `member_features f`. */
export type FieldType = 'number' | 'text' | 'bool' | 'map';

export interface FieldSpec {
  type: FieldType;
  labelZh: string;
  labelEn: string;
  /** money fields are integer fen; shares are 0…1 */
  unit?: 'fen' | 'days' | 'ms' | 'share' | 'years' | 'stars';
  sql: (now: Date) => SQL;
}
