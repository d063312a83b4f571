import { useQuery } from '@tanstack/react-query';
import { resourceQueryOptions } from '../api/resource-query';
import { usePanelDeps } from '../app/panel-deps';

/** Shown when the EHR says it does not display the patient around the panel (`need_patient_banner`). */
export function PatientBanner() {
  const { session } = usePanelDeps();
  const query = useQuery(resourceQueryOptions(session, `Patient/${session.patientId}`));
  const patient = query.data?.patient;
  return (
    <header className="banner" aria-label="Patient">
      <strong>
        {query.data?.title ?? (query.isError ? 'Patient details unavailable' : 'Loading patient…')}
      </strong>
      {patient?.gender ? <span>{patient.gender}</span> : null}
      {patient?.birthDate ? <span>born {patient.birthDate}</span> : null}
    </header>
  );
}
