/**
 * Observations where US Core puts them: smoking status, pack-years and the quit date under
 * `social-history`, an ECG QTc under `procedure`. Read through the panel API from the mock FHIR
 * server (not from a prefetch), the record's QT-prolonging drugs are judged against its QTc and
 * its smoking history reaches the lung screening gap.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Synopsis } from '../cds-service/contract/synopsis';
import { startPanelHarness, type PanelHarness } from './support/panel-harness';
import { postJson } from './support/server';

const PATIENT = 'us-core-categories';
const BUNDLES = fileURLToPath(new URL('./fixtures/us-core-categories', import.meta.url));

let h: PanelHarness;
beforeAll(async () => {
  h = await startPanelHarness({}, BUNDLES);
});
afterAll(async () => {
  await h.close();
});

describe('US Core observation categories', () => {
  it('reads the QTc (procedure) and the smoking history (social-history) from the FHIR server', async () => {
    const res = await postJson(
      `${h.service.url}/api/panel/synopsis`,
      { fhirServer: h.fhirBase, patientId: PATIENT },
      { authorization: `Bearer ${h.tokenFor(PATIENT)}` },
    );
    expect(res.status).toBe(200);
    const { synopsis } = res.body as { synopsis: Synopsis };
    // Methadone, ondansetron and quetiapine with a QTc of 488 ms (above normal for a woman)
    // and potassium 3.3 mmol/L.
    const qt = synopsis.alerts.find((a) => a.id === 'interaction-qt-high-risk');
    expect(qt?.severity).toBe('warning');
    expect(qt?.text).toMatch(/QTc 488 ms on 2025-06-20, above normal/);
    expect(qt?.text).toMatch(/Potassium 3\.3 mmol\/L/);
    // An ex-smoker of 35 pack-years who quit in May 2014, and COPD at 68.
    const ids = synopsis.careGaps.map((g) => g.id);
    expect(synopsis.careGaps.find((g) => g.id === 'lung-screening')?.text).toMatch(
      /35 pack-years; quit smoking 2014-05/,
    );
    expect(ids).toContain('rsv-vaccine-at-risk');
  });
});
