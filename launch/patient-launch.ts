/**
 * The patient-facing page's SMART launch: a portal's launch (`?iss=...&launch=...`) or a standalone
 * patient launch (`?iss=...`). It only redirects to the authorization server; `patient.html`
 * takes over after.
 */
import { authorizePatientPage } from '../client/smart/smart-client';
import { launchProblem } from './launch-problem';

const status = document.getElementById('status');
authorizePatientPage(new URLSearchParams(window.location.search)).catch((err: unknown) => {
  if (status) {
    status.className = 'error';
    status.textContent = launchProblem(err, 'patient');
  }
});
