import { describe, expect, it } from 'vitest';
import { PATIENT_VIEW_PREFETCH } from '../cds-service/hooks/synopsis-pipeline';
import { DATA_SCOPES } from '../client/smart/scopes';
import { resourceTypesRead } from '../cds-service/contract/prefetch-template';

/** The panel API reads the record with the panel's token, using the service's prefetch templates. */
describe('panel scopes', () => {
  it('cover every resource type the prefetch templates read, and nothing to write', () => {
    const types = Object.values(PATIENT_VIEW_PREFETCH).flatMap(resourceTypesRead);
    expect(types).toContain('Medication');
    for (const type of new Set(types)) expect(DATA_SCOPES).toContain(`patient/${type}.rs`);
    for (const scope of DATA_SCOPES) expect(scope).toMatch(/^patient\/[A-Z][A-Za-z]+\.rs$/);
  });
});
