/** Entry of the panel page: finish the SMART launch, then render. */
import { QueryClient } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { createPanelApi } from './api/panel-api';
import { PanelApp } from './app/panel-app';
import { ProblemMessage } from './components/problem-message';
import { connectSession } from './smart/smart-client';
import './panel.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('no #root element');
const root = createRoot(rootElement);

connectSession()
  .then((session) => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1 } } });
    // The panel API lives on the service that serves this page, beside `/panel/`.
    const api = createPanelApi(new URL('../api/panel/', window.location.href).toString());
    root.render(<PanelApp deps={{ session, api }} queryClient={queryClient} />);
  })
  .catch(() => {
    root.render(<ProblemMessage kind="launch" />);
  });
