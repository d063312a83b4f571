/** Starts a SMART page: finish the launch, then render the app, or say the launch failed. */
import { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createPanelApi } from '../api/panel-api';
import { connectSession } from '../smart/smart-client';
import type { PanelDeps } from './panel-deps';

export function startSmartPage(
  app: (deps: PanelDeps, queryClient: QueryClient) => ReactNode,
  launchFailed: ReactNode,
): void {
  const rootElement = document.getElementById('root');
  if (!rootElement) throw new Error('no #root element');
  const root = createRoot(rootElement);
  connectSession()
    .then((session) => {
      const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1 } } });
      // The panel API lives on the service that serves these pages, beside `/panel/`.
      const api = createPanelApi(new URL('../api/panel/', window.location.href).toString());
      root.render(app({ session, api }, queryClient));
    })
    .catch(() => {
      root.render(launchFailed);
    });
}
