/**
 * Registration facts the README gives informatics teams, checked against the code so that they
 * cannot drift: the panel's scopes and the service's prefetch keys and observation categories.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { panelScope } from '../client/smart/scopes';
import { PATIENT_VIEW_PREFETCH } from '../cds-service/hooks/synopsis-pipeline';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = (heading: string): string => {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
};
/** Every `backticked` word of a text. */
const ticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

describe('README registration facts', () => {
  it('lists exactly the scopes the panel requests at an EHR launch', () => {
    const listed = ticked(section('The SMART panel')).filter(
      (t) =>
        t === 'launch' || /^(patient|user|system)\//.test(t) || t === 'openid' || t === 'fhirUser',
    );
    expect(listed.sort()).toEqual(panelScope('launch').split(' ').sort());
  });

  it('names every prefetch key the service publishes, and the observation categories it asks for', () => {
    const registration = section('Registering the service in an EHR');
    const step = registration.slice(
      registration.indexOf('2. **Give the EHR'),
      registration.indexOf('3. **'),
    );
    const keys = Object.keys(PATIENT_VIEW_PREFETCH);
    const words = ticked(step);
    expect(words.filter((w) => keys.includes(w)).sort()).toEqual([...keys].sort());
    const categories = /category=([^&]+)/.exec(PATIENT_VIEW_PREFETCH.observations)?.[1]?.split(',');
    expect(categories?.length).toBeGreaterThan(0);
    for (const c of categories ?? []) expect(words).toContain(c);
    expect(words).toContain('_include=MedicationRequest:medication');
  });
});
