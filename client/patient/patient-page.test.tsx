import { QueryClient } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { PlainSummary } from '../../cds-service/contract/plain-summary';
import { hardSentences } from '../../tests/support/readability';
import { PanelProblem, type PanelApi } from '../api/panel-api';
import type { SmartSession } from '../smart/smart-session';
import { fakeApi, fakeSession } from '../test/render-panel';
import { PatientApp } from './patient-app';
import { PAGE_TEXT } from './patient-page';

const src = (reference: string, label: string) => ({ reference, label });

const SUMMARY: PlainSummary = {
  schemaVersion: '1',
  model: { provider: 'rules', name: 'engine', version: '1' },
  generatedAt: '2026-06-02T00:00:00.000Z',
  patient: { reference: 'Patient/p1' },
  conditions: [
    {
      name: 'High blood pressure',
      recordName: 'Essential hypertension',
      about: 'Your blood pushes too hard on your blood vessels.',
      current: true,
      text: 'Your blood pushes too hard on your blood vessels.',
      sources: [src('Condition/c1', 'from your list of health conditions')],
    },
    {
      name: 'Sprained ankle',
      recordName: 'Sprained ankle',
      current: false,
      text: 'Your record lists this as a past condition.',
      sources: [src('Condition/c2', 'from your list of health conditions')],
    },
  ],
  medicines: [
    {
      name: 'lisinopril 10 MG Oral Tablet',
      purpose: 'Your record says it is for high blood pressure.',
      howToTake: 'Take 1 tablet by mouth once a day.',
      text: 'Your record says it is for high blood pressure.',
      sources: [src('MedicationRequest/m1', 'from your list of medicines')],
    },
  ],
  medicinesNote: {
    text: 'Your care team may want to talk with you about your medicines. Bring them up at your next visit.',
    sources: [src('MedicationRequest/m1', 'from your list of medicines')],
  },
  allergies: {
    state: 'no-known-allergies',
    text: 'Your record says you have no known allergies.',
    sources: [src('AllergyIntolerance/a1', 'from your list of allergies')],
    items: [],
  },
  results: [
    {
      id: 'hba1c',
      name: 'Average blood sugar (HbA1c)',
      about: 'This blood test shows your average blood sugar over the past 2 to 3 months.',
      latest: '7.2%',
      latestDate: '1 June 2026',
      meaning: 'higher',
      meaningText: 'This is higher than the usual range.',
      trendText: 'It has gone up over the last 12 months.',
      text: 'This is higher than the usual range. It has gone up over the last 12 months.',
      points: [
        { value: 6.1, time: '2025-06-01' },
        { value: 7.2, time: '2026-06-01' },
      ],
      usualRange: { high: 5.6 },
      unit: '%',
      sources: [
        src('Observation/o2', 'from your test result on 1 June 2026'),
        src('Observation/o1', 'from your test result on 1 June 2025'),
      ],
    },
  ],
  questions: [],
};

function renderPage(session: SmartSession, api: PanelApi) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<PatientApp deps={{ session, api }} queryClient={queryClient} />);
}

const answering = () =>
  fakeApi({ plainSummary: vi.fn(() => Promise.resolve({ summary: SUMMARY, cached: false })) });

describe('PatientPage', () => {
  it('shows each section in plain words, with where each statement comes from', async () => {
    renderPage(fakeSession({ fhirUser: 'https://ehr.example/fhir/Patient/p1' }), answering());
    const conditions = await screen.findByRole('region', { name: PAGE_TEXT.conditions });
    expect(
      within(conditions).getByRole('heading', { name: /High blood pressure/ }),
    ).toHaveTextContent('in your record: Essential hypertension');
    expect(within(conditions).getAllByText('From your list of health conditions')).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(PAGE_TEXT.title);

    const medicines = screen.getByRole('region', { name: PAGE_TEXT.medicines });
    expect(within(medicines).getByText(/talk with you about your medicines/)).toBeInTheDocument();
    expect(within(medicines).getByText('Take 1 tablet by mouth once a day.')).toBeInTheDocument();

    const results = screen.getByRole('region', { name: PAGE_TEXT.results });
    expect(within(results).getByRole('img', { name: /Chart of your last 2/ })).toBeInTheDocument();
    await userEvent.click(
      within(results).getByText(/From your test result on 1 June 2026 and 1 more/),
    );
    expect(within(results).getByText('From your test result on 1 June 2025')).toBeVisible();

    const questions = screen.getByRole('region', { name: PAGE_TEXT.questions });
    expect(within(questions).getByText(PAGE_TEXT.noQuestions)).toBeInTheDocument();
  });

  it('says when a language model reworded sentences', async () => {
    const api = fakeApi({
      plainSummary: vi.fn(() =>
        Promise.resolve({
          summary: {
            ...SUMMARY,
            rewrittenBy: { provider: 'openai-compatible', name: 'm', version: '1' },
          },
          cached: false,
        }),
      ),
    });
    renderPage(fakeSession(), api);
    expect(await screen.findByText(PAGE_TEXT.rewritten)).toBeInTheDocument();
  });

  it('names the record as someone else’s when the signed-in user is not the patient', async () => {
    renderPage(fakeSession({ fhirUser: 'RelatedPerson/r1' }), answering());
    await screen.findByRole('region', { name: PAGE_TEXT.conditions });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(PAGE_TEXT.titleForOther);
  });

  it('after an expired session, says to open the page again and offers no retry that cannot work', async () => {
    const plainSummary = vi.fn().mockRejectedValue(new PanelProblem('token-expired'));
    renderPage(fakeSession(), fakeApi({ plainSummary }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /open this page again from your patient portal/,
    );
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('explains a failure in plain words and offers to try again', async () => {
    const plainSummary = vi
      .fn()
      .mockRejectedValueOnce(new PanelProblem('service-down'))
      .mockResolvedValue({ summary: SUMMARY, cached: false });
    renderPage(fakeSession(), fakeApi({ plainSummary }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/try again in a few minutes/);
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: PAGE_TEXT.conditions })).toBeInTheDocument();
  });

  it('writes every sentence of its own at US grade 8 or below', () => {
    // Headings ("Your medicines") are not sentences: the formula says nothing of two words.
    const sentences = Object.values(PAGE_TEXT).filter((t) => /[.!?…]$/.test(t));
    expect(sentences.length).toBeGreaterThan(5);
    expect(sentences.flatMap((t) => hardSentences(t, 8))).toEqual([]);
  });
});
