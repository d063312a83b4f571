import { queryOptions } from '@tanstack/react-query';
import type { SmartSession } from '../smart/smart-session';
import type { PanelApi } from './panel-api';

export const synopsisQueryOptions = (api: PanelApi, session: SmartSession) =>
  queryOptions({
    queryKey: ['synopsis', session.fhirServer, session.patientId],
    queryFn: () => api.synopsis(session),
    staleTime: 5 * 60_000,
  });
