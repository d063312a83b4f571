/**
 * Recognition of listed conditions as EHRs code them: one row per shape, with the expected
 * reading. A condition listed under any of its standard codes is never offered as undiagnosed.
 */
import { describe, expect, it } from 'vitest';
import { buildContext, conditionsOf } from './context';
import { buildDifferential } from './differential';
import { condition, NOW, observation, record } from './test-records';

const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const ICD10CM_OID = 'urn:oid:2.16.840.1.113883.6.90';

describe('conditions recognised from their codes', () => {
  it.each([
    [ICD10CM, 'E11.65', 'diabetes'],
    [ICD10, 'E11.65', 'diabetes'],
    [ICD10CM_OID, 'E11.65', 'diabetes'],
    [ICD10CM, 'E1165', 'diabetes'],
    [ICD10CM, 'e11.9', 'diabetes'],
    [ICD10CM, 'E785', 'hyperlipidemia'],
    [ICD10, 'I10', 'hypertension'],
    [ICD10CM_OID, 'I509', 'heart-failure'],
    [' http://hl7.org/fhir/sid/icd-10-cm ', 'N18.3', 'ckd'],
    // Not ICD-10: the same characters in another system mean nothing here.
    ['http://example.org/local-codes', 'E11.65', undefined],
  ])('%s %s -> %s', (system, code, expected) => {
    const ids = conditionsOf({ coding: [{ system, code }] }).map((d) => d.id);
    if (expected === undefined) expect(ids).toEqual([]);
    else expect(ids).toContain(expected);
  });

  it('never offers type 2 diabetes as undiagnosed when it is listed as E11.65 under ICD-10', () => {
    const listed = condition('unused', 'Type 2 diabetes with hyperglycaemia', 'active', {
      code: {
        coding: [{ system: ICD10, code: 'E1165' }],
        text: 'Type 2 diabetes with hyperglycaemia',
      },
    });
    const ctx = buildContext(
      record(
        listed,
        observation('4548-4', 8.1, '%', '2023-06-01'),
        observation('4548-4', 8.4, '%', '2024-01-01'),
      ),
      NOW,
    );
    expect(buildDifferential(ctx).map((d) => d.id)).not.toContain('diabetes');
  });
});
