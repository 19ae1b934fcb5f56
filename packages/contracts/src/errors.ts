import { z } from 'zod';

/** Every error response: `{code, message, details, requestId}`; `code` is stable, e.g. `members.phone_invalid`. */
export const errorResponse = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string(),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

/** One rejected item of a batch: its position, the field at fault and why. */
export const itemProblem = z.object({
  index: z.number().int(),
  field: z.string(),
  reason: z.string(),
  code: z.string(),
});
export type ItemProblemDto = z.infer<typeof itemProblem>;

export const batchResult = z.object({
  received: z.number().int(),
  accepted: z.number().int().describe('items stored or updated by this call'),
  duplicates: z.number().int().describe('items already stored with identical content (a retry)'),
  rejected: z.array(itemProblem),
});
export type BatchResult = z.infer<typeof batchResult>;
