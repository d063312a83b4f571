import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Synopsis } from '../../cds-service/contract/synopsis';
import { PanelProblem } from '../api/panel-api';
import { synopsisQueryOptions } from '../api/synopsis-query';
import { usePanelDeps } from '../app/panel-deps';
import { AlertsSection } from './alerts-section';
import { AllergiesSection } from './allergies-section';
import { CareGapsSection } from './care-gaps-section';
import { DifferentialSection } from './differential-section';
import { EvidenceContext, type EvidenceOpener } from './evidence-context';
import { LoadingSkeleton } from './loading-skeleton';
import { MedicationsSection } from './medications-section';
import { OneLiner } from './one-liner';
import { PatientBanner } from './patient-banner';
import { ProblemMessage } from './problem-message';
import { ProblemsSection } from './problems-section';
import { ProvenanceFooter } from './provenance-footer';
import { ResourceDrawer, type ResultJudgement } from './resource-drawer';
import { ResultsSection } from './results-section';

/** The SMART panel: the synopsis beside the chart, every statement opening its sources. */
export function Panel() {
  const { api, session } = usePanelDeps();
  const query = useQuery(synopsisQueryOptions(api, session));
  const [openRef, setOpenRef] = useState<string | undefined>();
  const opener = useRef<HTMLElement | null>(null);
  const evidence = useMemo<EvidenceOpener>(
    () => ({
      open(reference, from) {
        opener.current = from;
        setOpenRef(reference);
      },
    }),
    [],
  );
  const close = useCallback(() => {
    setOpenRef(undefined);
    opener.current?.focus();
  }, []);

  return (
    <EvidenceContext.Provider value={evidence}>
      <div className="panel">
        {session.needPatientBanner ? <PatientBanner /> : null}
        <main>
          <h1 className="visually-hidden">Patient synopsis</h1>
          {query.isPending ? <LoadingSkeleton /> : null}
          {query.isError ? (
            <ProblemMessage
              kind={query.error instanceof PanelProblem ? query.error.kind : 'service-down'}
              serviceMessage={
                query.error instanceof PanelProblem ? query.error.serviceMessage : undefined
              }
              onRetry={() => void query.refetch()}
            />
          ) : null}
          {query.data ? <SynopsisView synopsis={query.data.synopsis} /> : null}
        </main>
        {query.data ? (
          <ProvenanceFooter synopsis={query.data.synopsis} cached={query.data.cached} />
        ) : null}
        {openRef ? (
          <ResourceDrawer
            reference={openRef}
            judgement={query.data ? judgementOf(query.data.synopsis, openRef) : undefined}
            onClose={close}
          />
        ) : null}
      </div>
    </EvidenceContext.Provider>
  );
}

/** The synopsis's flag (and range) for a cited result, when the reference is one of its points. */
function judgementOf(synopsis: Synopsis, reference: string): ResultJudgement | undefined {
  for (const series of synopsis.results) {
    const point = series.points.find((p) => p.reference === reference);
    if (point)
      return {
        flag: point.flag,
        ...(series.referenceRange ? { range: series.referenceRange.text } : {}),
      };
  }
  return undefined;
}

const hasNoData = (s: Synopsis): boolean =>
  s.problems.length === 0 &&
  s.medications.length === 0 &&
  s.results.length === 0 &&
  s.allergies.items.length === 0 &&
  s.alerts.length === 0 &&
  s.differential.length === 0;

function SynopsisView({ synopsis }: { synopsis: Synopsis }) {
  return (
    <>
      <OneLiner oneLiner={synopsis.oneLiner} />
      {hasNoData(synopsis) ? (
        <p className="no-data" role="note">
          The EHR returned no problems, medications, allergies or results for this patient, so there
          is nothing to summarise yet.
        </p>
      ) : null}
      <AlertsSection alerts={synopsis.alerts} model={synopsis.model} />
      <ProblemsSection problems={synopsis.problems} />
      <ResultsSection results={synopsis.results} />
      <MedicationsSection medications={synopsis.medications} />
      <AllergiesSection allergies={synopsis.allergies} />
      <CareGapsSection careGaps={synopsis.careGaps} />
      <DifferentialSection items={synopsis.differential} model={synopsis.model} />
    </>
  );
}
