import type { Request } from 'express';
import type { ZodType } from 'zod';
import { describeIssues } from '../contract/cds-hooks';
import { ApiError } from './errors';

/**
 * A JSON request body checked against its schema: 415 when it is not JSON, 400 listing what is
 * wrong when it does not fit. `what` names the body in the message ("CDS Hooks request").
 */
export function parseBody<T>(req: Request, schema: ZodType<T>, what: string): T {
  if (!req.is(['application/json', 'application/*+json'])) {
    throw new ApiError(
      'unsupported_media_type',
      `Send the ${what} as JSON with Content-Type: application/json.`,
    );
  }
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    throw new ApiError(
      'bad_request',
      `The body is not a valid ${what}.`,
      describeIssues(parsed.error),
    );
  }
  return parsed.data;
}
