/** Entry of the governance console, served by the service at `/admin/`. */
import { QueryClient } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './console/console-app';
import { createConsoleApi } from './console/console-api';
import './console.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('no #root element');
const api = createConsoleApi(new URL('/admin/', window.location.origin).toString());
createRoot(rootElement).render(<ConsoleApp api={api} queryClient={new QueryClient()} />);
