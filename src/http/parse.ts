/**
 * Zod parsing at the HTTP boundary, with field-level issues in the error.
 */
import type { z } from 'zod';
import { AffinityError } from '../core/errors.ts';

/** Parses `body` or throws `VALIDATION_FAILED` naming every offending field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new AffinityError('VALIDATION_FAILED', `Invalid request: ${issues[0]?.path || 'body'}: ${issues[0]?.message}`, issues);
}
