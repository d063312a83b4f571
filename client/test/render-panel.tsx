/** Renders the panel with a fake SMART session and panel API; a fresh QueryClient, retries off. */
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import type { PanelApi } from '../api/panel-api';
import { PanelApp } from '../app/panel-app';
import type { SmartSession } from '../smart/smart-session';

export function fakeSession(overrides: Partial<SmartSession> = {}): SmartSession {
  return {
    fhirServer: 'https://ehr.example/fhir',
    patientId: 'p1',
    accessToken: 'token-1',
    needPatientBanner: false,
    styleUrl: undefined,
    expiresAt: undefined,
    read: vi.fn(() => Promise.reject(new Error('unexpected FHIR read in this test'))),
    ...overrides,
  };
}

export function fakeApi(overrides: Partial<PanelApi> = {}): PanelApi {
  return {
    synopsis: vi.fn(() => Promise.reject(new Error('unexpected synopsis call'))),
    plainSummary: vi.fn(() => Promise.reject(new Error('unexpected plain summary call'))),
    feedback: vi.fn(() => Promise.reject(new Error('unexpected feedback call'))),
    safetyReport: vi.fn(() => Promise.reject(new Error('unexpected safety report'))),
    ...overrides,
  };
}

export function renderPanel(session: SmartSession, api: PanelApi) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(<PanelApp deps={{ session, api }} queryClient={queryClient} />);
}
