/** Lets any statement open its cited resources in the one drawer the panel shows. */
import { createContext, useContext } from 'react';

export interface EvidenceOpener {
  open: (reference: string, opener: HTMLElement | null) => void;
}

export const EvidenceContext = createContext<EvidenceOpener>({ open: () => undefined });

export const useEvidence = (): EvidenceOpener => useContext(EvidenceContext);
