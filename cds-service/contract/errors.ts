/**
 * The error body every route of the service answers with (`{ error, message, details? }`), shared
 * with the panel and the simulator, which show the `message` to a person. Messages never carry
 * patient data.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'precondition_failed',
  'too_many_requests',
  'bad_gateway',
  'service_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBody = z.object({
  error: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.array(z.string()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
