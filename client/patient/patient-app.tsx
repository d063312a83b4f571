import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Styled } from '../app/styled';
import { PanelDepsContext, type PanelDeps } from '../app/panel-deps';
import { PatientPage } from './patient-page';

/** Providers around the patient page; the portal's `smart_style_url` applies as in the panel. */
export function PatientApp({ deps, queryClient }: { deps: PanelDeps; queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <PanelDepsContext.Provider value={deps}>
        <Styled styleUrl={deps.session.styleUrl}>
          <PatientPage />
        </Styled>
      </PanelDepsContext.Provider>
    </QueryClientProvider>
  );
}
