/** Entry of the patient-facing page: finish the SMART launch, then render. */
import { startSmartPage } from './app/start-smart-page';
import { PatientApp } from './patient/patient-app';
import './patient.css';

startSmartPage(
  (deps, queryClient) => <PatientApp deps={deps} queryClient={queryClient} />,
  <main className="patient-page">
    <p role="alert">Please open this page from your patient portal.</p>
  </main>,
);
