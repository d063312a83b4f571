/**
 * Clinical scores as data: each component with its points and what in the record meets it.
 */
import type { Sex } from '../../fhir/facts';

export interface ScoreComponent {
  points: number;
  label: string;
  /** Met by one of these conditions on the record, active or past (history counts). */
  conditions?: readonly string[];
  minAge?: number;
  maxAge?: number;
  sex?: Sex;
}

export interface ScoreDef {
  id: string;
  name: string;
  components: readonly ScoreComponent[];
  source: string;
}

export const CHA2DS2_VASC: ScoreDef = {
  id: 'cha2ds2-vasc',
  name: 'CHA2DS2-VASc',
  components: [
    { points: 1, label: 'heart failure', conditions: ['heart-failure'] },
    { points: 1, label: 'hypertension', conditions: ['hypertension'] },
    { points: 2, label: 'age 75 or over', minAge: 75 },
    { points: 1, label: 'diabetes', conditions: ['diabetes'] },
    { points: 2, label: 'prior stroke', conditions: ['stroke'] },
    {
      points: 1,
      label: 'vascular disease',
      conditions: ['ischemic-heart-disease', 'peripheral-artery-disease'],
    },
    { points: 1, label: 'age 65-74', minAge: 65, maxAge: 74 },
    { points: 1, label: 'female', sex: 'female' },
  ],
  source: 'Lip GYH et al., Chest 2010;137:263-72 (CHA2DS2-VASc)',
};

export const SCORES: ReadonlyMap<string, ScoreDef> = new Map([[CHA2DS2_VASC.id, CHA2DS2_VASC]]);
