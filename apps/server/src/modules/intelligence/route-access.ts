import { OPERATOR_EDITORS, readersOf } from '../../platform/access.ts';

/** Who may read member insight (tags, segments, models) and who may change it. */
export const readers = readersOf('members');
export const editors = OPERATOR_EDITORS;
