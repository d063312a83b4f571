/** The panel's outside world (SMART session and service API), injected so tests can fake it. */
import { createContext, useContext } from 'react';
import type { PanelApi } from '../api/panel-api';
import type { SmartSession } from '../smart/smart-session';

export interface PanelDeps {
  session: SmartSession;
  api: PanelApi;
}

export const PanelDepsContext = createContext<PanelDeps | undefined>(undefined);

export function usePanelDeps(): PanelDeps {
  const deps = useContext(PanelDepsContext);
  if (!deps) throw new Error('usePanelDeps outside PanelDepsContext');
  return deps;
}
