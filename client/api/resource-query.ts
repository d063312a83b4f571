import { queryOptions } from '@tanstack/react-query';
import { describeResource } from '../fhir/describe-resource';
import type { SmartSession } from '../smart/smart-session';

export class UnreadableResource extends Error {
  constructor() {
    super('unreadable-resource');
    this.name = 'UnreadableResource';
  }
}

/** A cited FHIR resource, read with the panel's own token and made readable. */
export const resourceQueryOptions = (session: SmartSession, reference: string) =>
  queryOptions({
    queryKey: ['fhir', session.fhirServer, reference],
    queryFn: async () => {
      const view = describeResource(await session.read(reference));
      if (!view) throw new UnreadableResource();
      return view;
    },
    staleTime: Infinity,
  });
