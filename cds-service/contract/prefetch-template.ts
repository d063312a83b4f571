/**
 * Prefetch template tokens (CDS Hooks 2.0, "Prefetch Template"): the EHR fills them before calling
 * a service, and the service fills the same templates itself for keys the EHR did not send.
 */
export type HookContext = Record<string, unknown>;

const TOKEN = /\{\{\s*([A-Za-z]+(?:\.[A-Za-z]+)*)\s*\}\}/g;

export class UnfillableTemplateError extends Error {
  constructor(readonly token: string) {
    super(`prefetch token {{${token}}} has no value in this hook call`);
    this.name = 'UnfillableTemplateError';
  }
}

/**
 * Replaces `{{context.x}}` and `{{userPractitionerId}}`-style tokens. A token without a value makes
 * the whole template unfillable: the spec has the client skip that key rather than send a broken query.
 */
export function fillTemplate(template: string, context: HookContext): string {
  return template.replace(TOKEN, (_m, token: string) => {
    const value = tokenValue(token, context);
    if (value === undefined) throw new UnfillableTemplateError(token);
    return encodeURIComponent(value).replace(/%2F/g, '/').replace(/%2C/g, ',');
  });
}

function tokenValue(token: string, context: HookContext): string | undefined {
  if (token.startsWith('context.')) {
    // "Only the root-level fields with a primitive value within the context object are eligible
    // to be used as prefetch tokens" (CDS Hooks 2.0): numbers and booleans too, never objects.
    const v = context[token.slice('context.'.length)];
    if (typeof v === 'string') return v !== '' ? v : undefined;
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
    return undefined;
  }
  // `userPractitionerId` and friends: the id part of context.userId when it is of that type.
  const m = /^user(Practitioner|PractitionerRole|Patient|RelatedPerson)Id$/.exec(token);
  if (m) {
    const userId = context.userId;
    if (typeof userId !== 'string') return undefined;
    const [type, id] = userId.split('/');
    return type === m[1] && id ? id : undefined;
  }
  return undefined;
}

/** The target type of each `_include` the service's templates use (FHIR R4 search parameters). */
const INCLUDE_TARGETS: Readonly<Record<string, string>> = {
  'MedicationRequest:medication': 'Medication',
  'MedicationStatement:medication': 'Medication',
};

/**
 * The resource types a prefetch template reads: the type it reads or searches, and the types its
 * `_include`s bring. The scopes an EHR grants (and the panel requests) must cover all of them.
 */
export function resourceTypesRead(template: string): string[] {
  const type = /^([A-Z][A-Za-z]+)(?:[/?]|$)/.exec(template.trim())?.[1];
  if (!type) return [];
  const query = template.includes('?') ? template.slice(template.indexOf('?') + 1) : '';
  const included = new URLSearchParams(query)
    .getAll('_include')
    .map((i) => INCLUDE_TARGETS[i])
    .filter((t): t is string => t !== undefined);
  return [type, ...included];
}
