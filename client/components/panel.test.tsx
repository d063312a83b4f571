import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { PanelProblem, type PanelProblemKind, type SynopsisAnswer } from '../api/panel-api';
import { emptySynopsis, synopsisFixture } from '../test/synopsis-fixture';
import { fakeApi, fakeSession, renderPanel } from '../test/render-panel';

const answer =
  (synopsis = synopsisFixture(), cached = true) =>
  () =>
    Promise.resolve({ synopsis, cached });

const section = (name: RegExp) => screen.getByRole('region', { name });

describe('Panel: the synopsis', () => {
  it('shows a loading skeleton until the synopsis arrives', async () => {
    let resolve: (v: SynopsisAnswer) => void = () => undefined;
    const api = fakeApi({
      synopsis: vi.fn(() => new Promise<SynopsisAnswer>((r) => (resolve = r))),
    });
    renderPanel(fakeSession(), api);
    expect(screen.getByRole('status')).toHaveTextContent('Loading the synopsis');
    resolve({ synopsis: synopsisFixture(), cached: true });
    expect(await screen.findByLabelText('Summary')).toHaveTextContent('61-year-old woman');
    expect(screen.queryByText('Loading the synopsis…')).not.toBeInTheDocument();
  });

  it('asks the service with the session it was launched with', async () => {
    const session = fakeSession();
    const synopsis = vi.fn(answer());
    renderPanel(session, fakeApi({ synopsis }));
    await screen.findByLabelText('Summary');
    expect(synopsis).toHaveBeenCalledWith(session);
  });

  it('shows a censored result as the laboratory reported it ("<5.0 %"), not as a number', async () => {
    const synopsis = synopsisFixture();
    const [series] = synopsis.results;
    if (!series) throw new Error('fixture has a result series');
    series.latest = { ...series.latest, value: 5, comparator: '<', flag: 'normal' };
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer(synopsis)) }));
    await screen.findByLabelText('Summary');
    expect(within(section(/results/i)).getByText('<5 %')).toBeInTheDocument();
  });

  it('writes UCUM units as people do ("mmHg", "°C")', async () => {
    const synopsis = synopsisFixture();
    const [series] = synopsis.results;
    if (!series) throw new Error('fixture has a result series');
    synopsis.results = [
      { ...series, id: 'sbp', unit: 'mm[Hg]', latest: { ...series.latest, value: 128 } },
      { ...series, id: 'temperature', unit: 'Cel', latest: { ...series.latest, value: 37.2 } },
    ];
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer(synopsis)) }));
    await screen.findByLabelText('Summary');
    const results = within(section(/results/i));
    expect(results.getByText('128 mmHg')).toBeInTheDocument();
    expect(results.getByText('37.2 °C')).toBeInTheDocument();
    expect(results.queryByText(/mm\[Hg\]|Cel/)).not.toBeInTheDocument();
  });

  it('renders every section with its content', async () => {
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer()) }));
    await screen.findByLabelText('Summary');
    const problems = section(/problems/i);
    expect(within(problems).getByText('Type 2 diabetes mellitus')).toBeInTheDocument();
    expect(within(problems).getByText('HbA1c rising over 2 years')).toBeInTheDocument();
    // Social findings are not clinical problems.
    expect(within(problems).queryByText('Full-time employment')).not.toBeInTheDocument();
    expect(
      within(section(/medications/i)).getByText('Metformin 500 MG Oral Tablet'),
    ).toBeInTheDocument();
    const allergies = section(/allergies/i);
    expect(within(allergies).getByText('Penicillin')).toBeInTheDocument();
    expect(within(allergies).getByText('high criticality')).toBeInTheDocument();
    const results = section(/results/i);
    expect(within(results).getByText('8.9 %')).toBeInTheDocument();
    expect(within(results).getByText('High')).toBeInTheDocument();
    expect(
      within(results).getByRole('img', {
        name: /Hemoglobin A1c trend rising: 2 values from 7.1 to 8.9/,
      }),
    ).toBeInTheDocument();
    const alerts = section(/alerts/i);
    expect(within(alerts).getByText(/critically high/)).toBeInTheDocument();
    expect(within(alerts).getByText(/Repeat potassium/)).toBeInTheDocument();
    expect(
      within(section(/care gaps/i)).getByText(/albumin-creatinine ratio in the last 12 months/),
    ).toBeInTheDocument();
    const ddx = section(/differential/i);
    expect(within(ddx).getByText('Chronic kidney disease')).toBeInTheDocument();
    expect(within(ddx).getByText('For')).toBeInTheDocument();
    expect(within(ddx).getByText(/eGFR 52/)).toBeInTheDocument();
    expect(within(ddx).getByText('Against')).toBeInTheDocument();
    expect(within(ddx).getByText('Normal urinalysis')).toBeInTheDocument();
    expect(within(ddx).getByText('Urine albumin-creatinine ratio')).toBeInTheDocument();
  });

  it('shows provenance: model, version, knowledge base, time, sources', async () => {
    renderPanel(
      fakeSession(),
      fakeApi({
        synopsis: vi.fn(answer(synopsisFixture({ dataQuality: ['Observations were partial.'] }))),
      }),
    );
    const footer = await screen.findByRole('contentinfo', { name: /about this synopsis/i });
    expect(footer).toHaveTextContent('ehr-synopsis clinical engine 0.1.0');
    expect(footer).toHaveTextContent('knowledge base 0.1.0');
    expect(footer).toHaveTextContent('2025-07-01 12:00 UTC');
    expect(footer).toHaveTextContent('reused from the chart-open check');
    expect(footer).toHaveTextContent('Observations were partial.');
    expect(footer).toHaveTextContent('KDIGO 2024');
    expect(footer).toHaveTextContent('ADA Standards of Care 2024');
    expect(footer).toHaveTextContent(/Intended use/);
  });

  it('says in words when sections are empty, and when the patient has no data', async () => {
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer(emptySynopsis())) }));
    await screen.findByLabelText('Summary');
    expect(screen.getByRole('note')).toHaveTextContent(/nothing to summarise/);
    expect(
      within(section(/active problems/i)).getByText('No active problems are recorded.'),
    ).toBeInTheDocument();
    expect(
      within(section(/medications/i)).getByText('No medications are recorded.'),
    ).toBeInTheDocument();
    expect(
      within(section(/allergies/i)).getByText(/not recorded; this does not mean there are none/),
    ).toBeInTheDocument();
    expect(within(section(/results/i)).getByText(/No recent lab results/)).toBeInTheDocument();
    expect(within(section(/alerts/i)).getByText('No alerts.')).toBeInTheDocument();
    expect(within(section(/care gaps/i)).getByText('No care gaps found.')).toBeInTheDocument();
    expect(within(section(/differential/i)).getByText(/No differential/)).toBeInTheDocument();
  });

  it('distinguishes "no known allergies" from "not recorded"', async () => {
    const s = emptySynopsis();
    s.allergies = { ...s.allergies, state: 'no-known-allergies' };
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer(s)) }));
    expect(await screen.findByText('No known allergies (recorded as such).')).toBeInTheDocument();
  });
});

describe('Panel: long lists in a side panel', () => {
  it('shows six results (abnormal first) and the rest on request', async () => {
    const base = synopsisFixture();
    const first = base.results[0];
    if (!first) throw new Error('fixture has a result');
    const results = Array.from({ length: 8 }, (_, i) => ({
      ...first,
      id: `r${String(i)}`,
      abnormal: i === 7,
      concept: { ...first.concept, text: `Result ${String(i)}` },
    }));
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer(synopsisFixture({ results }))) }));
    await screen.findByLabelText('Summary');
    const region = section(/results/i);
    expect(within(region).getAllByRole('listitem')).toHaveLength(6);
    expect(within(region).getAllByRole('listitem')[0]).toHaveTextContent('Result 7');
    await userEvent.click(within(region).getByRole('button', { name: 'Show 2 more' }));
    expect(within(region).getAllByRole('listitem')).toHaveLength(8);
  });
});

describe('Panel: states a user meets', () => {
  it.each<[PanelProblemKind, RegExp, boolean]>([
    ['service-down', /synopsis service is not answering/, true],
    ['fhir-down', /FHIR server could not be reached/, true],
    ['token-expired', /session with the EHR has expired/, false],
    ['forbidden', /may not read this patient/, true],
    ['rate-limited', /Too many requests/, true],
  ])('%s is explained', async (kind, message, canRetry) => {
    const api = fakeApi({ synopsis: vi.fn(() => Promise.reject(new PanelProblem(kind))) });
    renderPanel(fakeSession(), api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(within(alert).queryByRole('button', { name: 'Try again' }) !== null).toBe(canRetry);
  });

  it("shows the service's own message beside the explanation", async () => {
    const problem = new PanelProblem('rate-limited', 'Too many panel requests; retry in 42 s.');
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(() => Promise.reject(problem)) }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /The service said: Too many panel requests; retry in 42 s\./,
    );
  });

  it('tells the user to re-launch when the token expired', async () => {
    renderPanel(
      fakeSession(),
      fakeApi({ synopsis: vi.fn(() => Promise.reject(new PanelProblem('token-expired'))) }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /open it again from the patient’s chart/,
    );
  });

  it('retries on request after the service was down', async () => {
    const synopsis = vi
      .fn()
      .mockRejectedValueOnce(new PanelProblem('service-down'))
      .mockImplementation(answer());
    renderPanel(fakeSession(), fakeApi({ synopsis }));
    await userEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByLabelText('Summary')).toBeInTheDocument();
    expect(synopsis).toHaveBeenCalledTimes(2);
  });

  it('shows a patient banner only when the EHR asks for one', async () => {
    const read = vi.fn(() =>
      Promise.resolve({
        resourceType: 'Patient',
        id: 'p1',
        name: [{ given: ['Ada'], family: 'Lovelace' }],
        gender: 'female',
        birthDate: '1964-02-03',
      }),
    );
    renderPanel(
      fakeSession({ needPatientBanner: true, read }),
      fakeApi({ synopsis: vi.fn(answer()) }),
    );
    const banner = await screen.findByRole('banner', { name: 'Patient' });
    await waitFor(() => {
      expect(banner).toHaveTextContent('Ada Lovelace');
    });
    expect(banner).toHaveTextContent('born 1964-02-03');
    expect(read).toHaveBeenCalledWith('Patient/p1');
  });

  it('shows no banner when the EHR shows the patient itself', async () => {
    renderPanel(fakeSession({ needPatientBanner: false }), fakeApi({ synopsis: vi.fn(answer()) }));
    await screen.findByLabelText('Summary');
    expect(screen.queryByRole('banner', { name: 'Patient' })).not.toBeInTheDocument();
  });
});

describe('Panel: evidence drill-down', () => {
  it('opens the cited resource, read through the SMART session, and returns focus on close', async () => {
    const read = vi.fn(() =>
      Promise.resolve({
        resourceType: 'Observation',
        id: 'k1',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'Potassium' }] },
        valueQuantity: { value: 6.1, unit: 'mmol/L' },
        effectiveDateTime: '2025-06-30T08:00:00Z',
      }),
    );
    renderPanel(fakeSession({ read }), fakeApi({ synopsis: vi.fn(answer()) }));
    await screen.findByLabelText('Summary');
    const link = within(section(/alerts/i)).getByRole('button', {
      name: /show source 1 of 1: Observation/i,
    });
    await userEvent.click(link);
    const dialog = await screen.findByRole('dialog', { name: 'Potassium' });
    expect(read).toHaveBeenCalledWith('Observation/k1');
    expect(within(dialog).getByText('6.1 mmol/L')).toBeInTheDocument();
    expect(within(dialog).getByText('2025-06-30')).toBeInTheDocument();
    expect(within(dialog).getByText('final')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(link).toHaveFocus();
  });

  it("shows the synopsis's flag and range for a result the EHR sent without them", async () => {
    const read = vi.fn(() =>
      Promise.resolve({
        resourceType: 'Observation',
        id: 'o2',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'HbA1c' }] },
        valueQuantity: { value: 8.9, unit: '%' },
        effectiveDateTime: '2025-06-01',
      }),
    );
    renderPanel(fakeSession({ read }), fakeApi({ synopsis: vi.fn(answer()) }));
    await screen.findByLabelText('Summary');
    await userEvent.click(
      within(section(/results/i)).getAllByRole('button', {
        name: /show source/i,
      })[0] as HTMLElement,
    );
    const dialog = await screen.findByRole('dialog', { name: 'HbA1c' });
    expect(within(dialog).getByText('Flag (synopsis)').nextSibling).toHaveTextContent('high');
    expect(within(dialog).getByText('Reference range (synopsis)').nextSibling).toHaveTextContent(
      '< 5.7 %',
    );
    expect(within(dialog).getByText('Taken')).toBeInTheDocument();
  });

  it('says so when a source cannot be read', async () => {
    const read = vi.fn(() => Promise.reject(new Error('401')));
    renderPanel(fakeSession({ read }), fakeApi({ synopsis: vi.fn(answer()) }));
    await screen.findByLabelText('Summary');
    await userEvent.click(
      within(screen.getByLabelText('Summary')).getAllByRole('button')[0] as HTMLElement,
    );
    expect(await screen.findByText(/could not be read from the EHR/)).toBeInTheDocument();
  });

  it('gives every statement at least one source link', async () => {
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer()) }));
    await screen.findByLabelText('Summary');
    // One-liner 2, problem 1, social context 1, medication 1, allergy 1, result 1, alert 1, gap 1,
    // ddx 1 + for 1 + against 1.
    expect(screen.getAllByRole('button', { name: /^show source/i })).toHaveLength(12);
  });

  it('counts active clinical problems only, and folds social context away under its own heading', async () => {
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer()) }));
    await screen.findByLabelText('Summary');
    const active = section(/active problems/i);
    expect(within(active).getByLabelText('1 items')).toBeInTheDocument();
    expect(within(active).queryByText('Full-time employment')).not.toBeInTheDocument();
    const social = screen.getByText('Social context').closest('details');
    expect(social).not.toHaveAttribute('open');
    expect(within(social as HTMLElement).getByText('Full-time employment')).toBeInTheDocument();
  });
});

describe('Panel: feedback', () => {
  it('sends agree/disagree on alerts and differential items with the model that wrote them', async () => {
    const feedback = vi.fn(() => Promise.resolve());
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer()), feedback }));
    await screen.findByLabelText('Summary');
    const alertGroup = within(section(/alerts/i)).getByRole('group', {
      name: /feedback on alert/i,
    });
    await userEvent.click(within(alertGroup).getByRole('button', { name: 'Agree' }));
    expect(await within(alertGroup).findByText('Thank you, recorded.')).toBeInTheDocument();
    expect(within(alertGroup).getByRole('button', { name: 'Agree' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const ddxGroup = within(section(/differential/i)).getByRole('group', {
      name: /feedback on chronic kidney disease/i,
    });
    await userEvent.click(within(ddxGroup).getByRole('button', { name: 'Disagree' }));
    await within(ddxGroup).findByText('Thank you, recorded.');
    expect(feedback).toHaveBeenCalledTimes(2);
    const session = (feedback.mock.calls as unknown[][])[0]?.[0];
    expect(session).toMatchObject({ patientId: 'p1' });
    expect((feedback.mock.calls as unknown[][]).map((c) => c[1])).toEqual([
      {
        target: { kind: 'alert', id: 'alert-k-high' },
        verdict: 'agree',
        model: { name: 'ehr-synopsis clinical engine', version: '0.1.0' },
      },
      {
        target: { kind: 'differential', id: 'dd-ckd' },
        verdict: 'disagree',
        model: { name: 'ehr-synopsis clinical engine', version: '0.1.0' },
      },
    ]);
  });

  it('sends a safety concern about an alert with its id, category, words and model', async () => {
    const safetyReport = vi.fn(() => Promise.resolve());
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer()), safetyReport }));
    await screen.findByLabelText('Summary');
    const alerts = section(/alerts/i);
    const [report] = within(alerts).getAllByRole('button', { name: 'Report a safety concern' });
    if (!report) throw new Error('no safety report button on the alerts');
    await userEvent.click(report);
    const form = within(alerts).getByRole('form', { name: 'Report a safety concern' });
    await userEvent.selectOptions(
      within(form).getByLabelText('What is wrong?'),
      'unsafe-suggestion',
    );
    await userEvent.type(
      within(form).getByLabelText(/Describe the concern/),
      'Dose too high for this eGFR',
    );
    await userEvent.click(within(form).getByRole('button', { name: 'Send report' }));
    expect(
      await within(alerts).findByText('Safety concern reported. Thank you.'),
    ).toBeInTheDocument();
    const fixture = synopsisFixture();
    expect(safetyReport).toHaveBeenCalledWith(expect.anything(), {
      target: { kind: 'alert', id: fixture.alerts[0]?.id },
      category: 'unsafe-suggestion',
      description: 'Dose too high for this eGFR',
      model: { name: fixture.model.name, version: fixture.model.version },
    });
  });

  it('says when feedback could not be sent', async () => {
    const feedback = vi.fn(() => Promise.reject(new PanelProblem('service-down')));
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer()), feedback }));
    await screen.findByLabelText('Summary');
    const group = within(section(/alerts/i)).getByRole('group', { name: /feedback on alert/i });
    await userEvent.click(within(group).getByRole('button', { name: 'Disagree' }));
    expect(await within(group).findByText('Feedback could not be sent.')).toBeInTheDocument();
  });
});

describe('Panel: accessibility', () => {
  it('has no serious or critical axe violations', async () => {
    const { container } = renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer()) }));
    await screen.findByLabelText('Summary');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    const serious = result.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('lets the keyboard reach the evidence links and feedback buttons', async () => {
    renderPanel(fakeSession(), fakeApi({ synopsis: vi.fn(answer()) }));
    await screen.findByLabelText('Summary');
    await userEvent.tab();
    expect(document.activeElement).toHaveAccessibleName(/show source 1 of 2/i);
  });
});
