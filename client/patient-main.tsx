/** Entry of the patient-facing page: finish the SMART launch, then render. */
import { QueryClient } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { createPanelApi } from './api/panel-api';
import { PatientApp } from './patient/patient-app';
import { connectSession } from './smart/smart-client';
import './patient.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('no #root element');
const root = createRoot(rootElement);

connectSession()
  .then((session) => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1 } } });
    const api = createPanelApi(new URL('../api/panel/', window.location.href).toString());
    root.render(<PatientApp deps={{ session, api }} queryClient={queryClient} />);
  })
  .catch(() => {
    root.render(
      <main className="patient-page">
        <p role="alert">Please open this page from your patient portal.</p>
      </main>,
    );
  });
