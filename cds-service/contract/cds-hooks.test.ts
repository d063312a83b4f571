import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { CDS_HOOKS_EXAMPLES_DIR } from '../../mocks/fixtures';
import {
  Action,
  Card,
  Coding,
  DiscoveryResponse,
  DisplayedCoding,
  FeedbackRequest,
  FhirAuthorization,
  HookRequest,
  HookResponse,
  PatientViewContext,
  ServiceDefinition,
  Source,
} from './cds-hooks';

const example = (path: string): unknown =>
  JSON.parse(readFileSync(join(CDS_HOOKS_EXAMPLES_DIR, path), 'utf8')) as unknown;

const spec = (name: string) => `spec-2.0.1/${name}.json`;

/** Each official CDS Hooks 2.0.1 example against the schema of the part of the contract it shows. */
const VALID: [string, ZodType][] = [
  [spec('discovery-response'), DiscoveryResponse],
  [spec('discovery-response-with-extension'), DiscoveryResponse],
  [spec('request-patient-view-with-prefetch'), HookRequest],
  [spec('response-cards'), HookResponse],
  [spec('response-empty-cards'), HookResponse],
  [spec('response-systemActions'), HookResponse],
  [spec('action-create'), Action],
  [spec('action-update'), Action],
  [spec('action-delete'), Action],
  [spec('feedback-accepted'), FeedbackRequest],
  [spec('feedback-overridden'), FeedbackRequest],
  [spec('feedback-overridden-with-reason'), FeedbackRequest],
  ['docs-examples/radiology-response-systemActions.json', HookResponse],
  ['docs-examples/opioid-order-sign-request.json', HookRequest],
  ['docs-examples/radiology-order-select-request.json', HookRequest],
];

describe('CDS Hooks contract against the official examples', () => {
  it.each(VALID)('%s parses', (file, schema) => {
    const result = schema.safeParse(example(file));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('parses the fragments: source, override reasons, fhirAuthorization, prefetch data', () => {
    expect(
      Source.parse((example(spec('card-source')) as { source: unknown }).source),
    ).toMatchObject({ label: 'Zika Virus Management' });
    const reasons = (example(spec('card-overrideReasons')) as { overrideReasons: unknown[] })
      .overrideReasons;
    for (const r of reasons) expect(DisplayedCoding.safeParse(r).success).toBe(true);
    const auth = (example(spec('request-fhirAuthorization')) as { fhirAuthorization: unknown })
      .fhirAuthorization;
    expect(FhirAuthorization.parse(auth).token_type).toBe('Bearer');
    const withPrefetch = {
      hook: 'patient-view',
      hookInstance: 'x',
      context: {},
      ...(example(spec('request-prefetch-data')) as object),
    };
    expect(HookRequest.safeParse(withPrefetch).success).toBe(true);
    const templates = example(spec('discovery-prefetch-templates')) as { prefetch: unknown };
    expect(
      ServiceDefinition.safeParse({ hook: 'patient-view', id: 'a', description: 'd', ...templates })
        .success,
    ).toBe(true);
  });

  it.each(['patient-view.context.json', 'patient-view.context-with-encounter.json'])(
    'parses the hooks-library patient-view context %s',
    (file) => {
      const { context } = example(`hooks-library/${file}`) as { context: unknown };
      expect(PatientViewContext.safeParse(context).success).toBe(true);
    },
  );

  // Upstream examples that break the spec's own rules; the schema rightly refuses them.
  it('refuses the autolaunchable example only for its missing indicator (an upstream example defect)', () => {
    const result = HookResponse.safeParse(example(spec('response-cards-autolaunchable')));
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['cards.0.indicator']);
  });

  it('refuses the 1.x-era opioid card only for its missing source', () => {
    const result = Card.safeParse(example('docs-examples/opioid-card.json'));
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['source']);
  });
});

describe('CDS Hooks contract rules', () => {
  const card = { summary: 'S', indicator: 'info', source: { label: 'L' } };
  it.each([
    ['a summary of 140 characters', { ...card, summary: 'x'.repeat(140) }, 'summary'],
    [
      'an indicator outside info|warning|critical',
      { ...card, indicator: 'hard-stop' },
      'indicator',
    ],
    [
      'suggestions without selectionBehavior',
      { ...card, suggestions: [{ label: 'Do it' }] },
      'selectionBehavior',
    ],
    [
      'a link of unknown type',
      { ...card, links: [{ label: 'x', url: 'https://a.example', type: 'web' }] },
      'links.0.type',
    ],
    [
      'appContext on an absolute link',
      {
        ...card,
        links: [{ label: 'x', url: 'https://a.example', type: 'absolute', appContext: '{}' }],
      },
      'links.0.appContext',
    ],
    [
      'an override reason without display',
      { ...card, overrideReasons: [{ system: 's', code: 'c' }] },
      'overrideReasons.0.display',
    ],
    [
      'a create action without resource',
      {
        ...card,
        selectionBehavior: 'any',
        suggestions: [{ label: 'l', actions: [{ type: 'create', description: 'd' }] }],
      },
      'suggestions.0.actions.0.resource',
    ],
  ])('refuses a card with %s', (_name, value, path) => {
    const result = Card.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it.each([
    [
      'overrideReason with outcome accepted',
      {
        card: 'c',
        outcome: 'accepted',
        overrideReason: { userComment: 'x' },
        outcomeTimestamp: '2020-01-01T00:00:00Z',
      },
    ],
    [
      'acceptedSuggestions with outcome overridden',
      {
        card: 'c',
        outcome: 'overridden',
        acceptedSuggestions: [{ id: 'a' }],
        outcomeTimestamp: '2020-01-01T00:00:00Z',
      },
    ],
    [
      'a timestamp without a time zone',
      { card: 'c', outcome: 'accepted', outcomeTimestamp: '2020-01-01T00:00:00' },
    ],
    // What the governance store could not hold is refused here, with a 400.
    ['year 0000', { card: 'c', outcome: 'accepted', outcomeTimestamp: '0000-01-01T00:00:00Z' }],
    [
      'a UTC offset beyond 14 hours',
      { card: 'c', outcome: 'accepted', outcomeTimestamp: '2020-01-01T00:00:00+23:00' },
    ],
    [
      'a NUL character in a comment',
      {
        card: 'c',
        outcome: 'overridden',
        overrideReason: { userComment: 'a\u0000b' },
        outcomeTimestamp: '2020-01-01T00:00:00Z',
      },
    ],
    [
      'a NUL character in a suggestion id',
      {
        card: 'c',
        outcome: 'accepted',
        acceptedSuggestions: [{ id: 'a\u0000' }],
        outcomeTimestamp: '2020-01-01T00:00:00Z',
      },
    ],
  ])('refuses feedback with %s', (_name, item) => {
    expect(FeedbackRequest.safeParse({ feedback: [item] }).success).toBe(false);
  });

  it('accepts the extreme offsets that exist (+14:00, -12:00)', () => {
    for (const t of ['2020-01-01T00:00:00+14:00', '2020-01-01T00:00:00-12:00']) {
      const item = { card: 'c', outcome: 'accepted', outcomeTimestamp: t };
      expect(FeedbackRequest.safeParse({ feedback: [item] }).success, t).toBe(true);
    }
  });

  it('requires code and system on a Coding', () => {
    expect(Coding.safeParse({ code: 'x' }).success).toBe(false);
  });
});
