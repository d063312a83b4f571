/**
 * The SMART launch page: EHR launch (`?iss=...&launch=...`) or standalone launch (`?iss=...`).
 * It only redirects to the EHR's authorization server; the panel (`index.html`) takes over after.
 */
import { authorizePanel } from '../client/smart/smart-client';
import { launchProblem } from './launch-problem';

const status = document.getElementById('status');
authorizePanel(new URLSearchParams(window.location.search)).catch((err: unknown) => {
  if (status) {
    status.className = 'error';
    status.textContent = launchProblem(err);
  }
});
