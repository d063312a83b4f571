import { describe, expect, it } from 'vitest';
import { fillTemplate, UnfillableTemplateError, type HookContext } from './prefetch-template';

// CDS Hooks 2.0, "Prefetch tokens": root-level primitive context fields, and the four user tokens
// that take the id part of context.userId when the user is of that resource type.
const practitioner: HookContext = {
  userId: 'Practitioner/dr-1',
  patientId: 'pat-1',
  encounterId: 'enc-1',
};

describe('fillTemplate', () => {
  it.each<[string, string, HookContext, string]>([
    ['{{context.patientId}}', 'Patient/{{context.patientId}}', practitioner, 'Patient/pat-1'],
    [
      'the same token twice',
      'Observation?patient={{context.patientId}}&subject=Patient/{{context.patientId}}',
      practitioner,
      'Observation?patient=pat-1&subject=Patient/pat-1',
    ],
    [
      '{{context.encounterId}}',
      'Encounter/{{context.encounterId}}',
      practitioner,
      'Encounter/enc-1',
    ],
    [
      '{{context.userId}} (a whole reference)',
      '{{context.userId}}',
      practitioner,
      'Practitioner/dr-1',
    ],
    [
      'a numeric context field (a primitive)',
      'Observation?_count={{context.limit}}',
      { ...practitioner, limit: 5 },
      'Observation?_count=5',
    ],
    [
      'a boolean context field (a primitive)',
      'Flag?active={{context.flag}}',
      { ...practitioner, flag: true },
      'Flag?active=true',
    ],
    [
      '{{userPractitionerId}}',
      'Practitioner/{{userPractitionerId}}',
      practitioner,
      'Practitioner/dr-1',
    ],
    [
      '{{userPractitionerRoleId}}',
      'PractitionerRole/{{userPractitionerRoleId}}',
      { ...practitioner, userId: 'PractitionerRole/role-7' },
      'PractitionerRole/role-7',
    ],
    [
      '{{userPatientId}}',
      'Patient/{{userPatientId}}',
      { ...practitioner, userId: 'Patient/pat-1' },
      'Patient/pat-1',
    ],
    [
      '{{userRelatedPersonId}}',
      'RelatedPerson/{{userRelatedPersonId}}',
      { ...practitioner, userId: 'RelatedPerson/rp-3' },
      'RelatedPerson/rp-3',
    ],
    [
      'no token at all',
      'Observation?code=http://loinc.org|4548-4',
      practitioner,
      'Observation?code=http://loinc.org|4548-4',
    ],
    [
      'a value with query syntax, which is escaped and cannot add parameters',
      'Patient?_id={{context.patientId}}',
      { ...practitioner, patientId: 'a&_count=1#x' },
      'Patient?_id=a%26_count%3D1%23x',
    ],
  ])('fills %s', (_name, template, context, expected) => {
    expect(fillTemplate(template, context)).toBe(expected);
  });

  it.each<[string, string, HookContext, string]>([
    [
      'a context field that is absent',
      'Encounter/{{context.encounterId}}',
      { patientId: 'p' },
      'context.encounterId',
    ],
    [
      'an empty context field',
      'Patient/{{context.patientId}}',
      { patientId: '' },
      'context.patientId',
    ],
    [
      'a null context field',
      'Patient/{{context.patientId}}',
      { patientId: null },
      'context.patientId',
    ],
    [
      'an object context field (only primitives are tokens)',
      'MedicationRequest?_id={{context.draftOrders}}',
      { ...practitioner, draftOrders: { resourceType: 'Bundle' } },
      'context.draftOrders',
    ],
    [
      'an array context field',
      'MedicationRequest?_id={{context.selections}}',
      { ...practitioner, selections: ['MedicationRequest/1'] },
      'context.selections',
    ],
    [
      '{{userPractitionerId}} when the user is a PractitionerRole',
      'Practitioner/{{userPractitionerId}}',
      { ...practitioner, userId: 'PractitionerRole/role-7' },
      'userPractitionerId',
    ],
    [
      '{{userPatientId}} when the user is a Practitioner',
      'Patient/{{userPatientId}}',
      practitioner,
      'userPatientId',
    ],
    [
      '{{userRelatedPersonId}} when the user is a Patient',
      'RelatedPerson/{{userRelatedPersonId}}',
      { ...practitioner, userId: 'Patient/pat-1' },
      'userRelatedPersonId',
    ],
    [
      '{{userPractitionerRoleId}} without a userId',
      'PractitionerRole/{{userPractitionerRoleId}}',
      { patientId: 'p' },
      'userPractitionerRoleId',
    ],
    [
      '{{userPractitionerId}} with a reference that has no id',
      'Practitioner/{{userPractitionerId}}',
      { ...practitioner, userId: 'Practitioner/' },
      'userPractitionerId',
    ],
    ['a token the spec does not define', 'Patient/{{patientId}}', practitioner, 'patientId'],
  ])('refuses %s, naming the token', (_name, template, context, token) => {
    let thrown: unknown;
    try {
      fillTemplate(template, context);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UnfillableTemplateError);
    expect((thrown as UnfillableTemplateError).token).toBe(token);
  });

  it('makes the whole template unfillable when one of several tokens is missing', () => {
    expect(() =>
      fillTemplate('Encounter?patient={{context.patientId}}&_id={{context.encounterId}}', {
        patientId: 'p',
      }),
    ).toThrow(UnfillableTemplateError);
  });
});
