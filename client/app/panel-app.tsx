import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Panel } from '../components/panel';
import { PanelDepsContext, type PanelDeps } from './panel-deps';
import { Styled } from './styled';

/** Providers around the panel; the EHR's `smart_style_url` colours become CSS variables. */
export function PanelApp({ deps, queryClient }: { deps: PanelDeps; queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <PanelDepsContext.Provider value={deps}>
        <Styled styleUrl={deps.session.styleUrl}>
          <Panel />
        </Styled>
      </PanelDepsContext.Provider>
    </QueryClientProvider>
  );
}
