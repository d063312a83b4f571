/** Entry of the panel page: finish the SMART launch, then render. */
import { PanelApp } from './app/panel-app';
import { startSmartPage } from './app/start-smart-page';
import { ProblemMessage } from './components/problem-message';
import './panel.css';

startSmartPage(
  (deps, queryClient) => <PanelApp deps={deps} queryClient={queryClient} />,
  <ProblemMessage kind="launch" />,
);
