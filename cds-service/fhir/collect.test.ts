import { describe, expect, it } from 'vitest';
import { collect, resolveReference } from './collect';

describe('resolveReference', () => {
  const fullUrls = new Map([['urn:uuid:abc', 'Condition/abc']]);
  it.each([
    ['Observation/123', 'Observation/123'],
    ['https://ehr.example/fhir/Patient/p-9', 'Patient/p-9'],
    ['https://ehr.example/fhir/Patient/p-9/_history/2', 'Patient/p-9'],
    ['urn:uuid:abc', 'Condition/abc'],
    ['urn:uuid:unknown', undefined],
    ['Practitioner?identifier=x|1', undefined],
    ['', undefined],
  ])('%s -> %s', (reference, expected) => {
    expect(resolveReference({ reference }, fullUrls)).toBe(expected);
  });

  it('ignores values that are not references', () => {
    expect(resolveReference('Observation/1', fullUrls)).toBeUndefined();
  });
});

describe('collect', () => {
  it('flattens a prefetch map of resources, Bundles, arrays and nulls', () => {
    const input = {
      patient: { resourceType: 'Patient', id: 'p' },
      conditions: {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [{ fullUrl: 'urn:uuid:c1', resource: { resourceType: 'Condition', id: 'c1' } }, {}],
      },
      missing: null,
      list: [{ resourceType: 'Observation', id: 'o1' }, 'junk', 42],
    };
    const { resources, fullUrls } = collect(input);
    expect(resources.map((r) => `${r.resourceType}/${String(r.id)}`).sort()).toEqual([
      'Condition/c1',
      'Observation/o1',
      'Patient/p',
    ]);
    expect(fullUrls.get('urn:uuid:c1')).toBe('Condition/c1');
  });

  it.each([
    ['urn:uuid:7f1c', 'Condition', 'c1', true],
    ['urn:oid:1.2.3', 'Condition', 'c1', true],
    ['https://ehr.example/fhir/Condition/c1', 'Condition', 'c1', true],
    // Relative, or naming another resource: one entry would re-point every reference.
    ['Patient/p', 'Patient', 'not valid!', false],
    ['Patient/p', 'Condition', 'c1', false],
    ['https://ehr.example/fhir/Patient/p', 'Patient', 'q', false],
    ['javascript:alert(1)', 'Condition', 'c1', false],
  ])('uses fullUrl %s for %s/%s: %s', (fullUrl, resourceType, id, used) => {
    const { fullUrls } = collect({
      resourceType: 'Bundle',
      entry: [{ fullUrl, resource: { resourceType, id } }],
    });
    expect(fullUrls.has(fullUrl)).toBe(used);
  });
});
