import { useQuery } from '@tanstack/react-query';
import { resourceQueryOptions } from '../api/resource-query';
import { usePanelDeps } from '../app/panel-deps';

/** Shown when the EHR says it does not display the patient around the panel (`need_patient_banner`). */
export function PatientBanner() {
  const { session } = usePanelDeps();
  const query = useQuery(resourceQueryOptions(session, `Patient/${session.patientId}`));
  const rows = new Map(query.data?.rows.map((r) => [r.label, r.value]));
  return (
    <header className="banner" aria-label="Patient">
      <strong>
        {query.data?.title ?? (query.isError ? 'Patient details unavailable' : 'Loading patient…')}
      </strong>
      {rows.get('Sex') ? <span>{rows.get('Sex')}</span> : null}
      {rows.get('Born') ? <span>born {rows.get('Born')}</span> : null}
    </header>
  );
}
