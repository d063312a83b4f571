import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import { describeIssues } from '../contract/cds-hooks';
import { ApiError } from '../errors';
import { readJsonBody, type JsonBodyOptions } from './json-body';

/**
 * A JSON request body read under `options` (see `readJsonBody`) and checked against its schema:
 * 400 listing what is wrong when it does not fit. `options.what` names the body in messages.
 */
export async function readBody<T>(
  req: Request,
  res: Response,
  schema: ZodType<T>,
  options: JsonBodyOptions,
): Promise<T> {
  const parsed = schema.safeParse(await readJsonBody(req, res, options));
  if (!parsed.success) {
    throw new ApiError(
      'bad_request',
      `The body is not a valid ${options.what}.`,
      describeIssues(parsed.error),
    );
  }
  return parsed.data;
}
