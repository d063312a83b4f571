/**
 * Drugs whose US prescribing information warns of QT prolongation or torsade de pointes (TdP),
 * and where in the label it does. The CredibleMeds lists are the usual reference but their
 * licence does not allow shipping them, so each row rests on the drug's own label (or the FDA
 * safety communication that changed it), read in a stored public copy on 2026-12-04.
 *
 * - `boxed`: QT prolongation or TdP in the boxed warning.
 * - `contraindicated-with-qt-drugs`: the label contraindicates it with other QT-prolonging drugs.
 * - `warning`: in Warnings and Precautions (or the Warnings/Precautions of an older label).
 *
 * Left out: loperamide (its warning is about doses above the recommended ones), escitalopram,
 * sertraline, famotidine, cilostazol and pentamidine (no QT warning in those sections), and
 * pimozide, chlorpromazine, moxifloxacin, ciprofloxacin, procainamide and donepezil, whose label
 * text was not seen.
 */
export type QtLabel = 'boxed' | 'contraindicated-with-qt-drugs' | 'warning';

export interface QtDrug {
  ingredient: string;
  label: QtLabel;
  source: string;
}

const PI = (drug: string, section: string) => `${drug} US prescribing information, ${section}`;

export const QT_DRUGS: readonly QtDrug[] = [
  { ingredient: 'sotalol', label: 'boxed', source: PI('Sotalol', 'boxed warning') },
  { ingredient: 'thioridazine', label: 'boxed', source: PI('Thioridazine', 'boxed warning') },
  { ingredient: 'droperidol', label: 'boxed', source: PI('Droperidol', 'boxed warning') },
  { ingredient: 'methadone', label: 'boxed', source: PI('Methadone', 'boxed warning') },
  {
    ingredient: 'arsenic trioxide',
    label: 'boxed',
    source: PI('Arsenic trioxide', 'boxed warning'),
  },
  {
    ingredient: 'dronedarone',
    label: 'contraindicated-with-qt-drugs',
    source: PI('Dronedarone (Multaq)', 'contraindications'),
  },
  {
    ingredient: 'dofetilide',
    label: 'contraindicated-with-qt-drugs',
    source: PI('Dofetilide (Tikosyn)', 'contraindications and warnings'),
  },
  {
    ingredient: 'ziprasidone',
    label: 'contraindicated-with-qt-drugs',
    source: PI('Ziprasidone (Geodon)', 'contraindications'),
  },
  { ingredient: 'amiodarone', label: 'warning', source: PI('Amiodarone', 'warnings') },
  { ingredient: 'quinidine', label: 'warning', source: PI('Quinidine', 'warnings') },
  { ingredient: 'disopyramide', label: 'warning', source: PI('Disopyramide', 'warnings') },
  { ingredient: 'flecainide', label: 'warning', source: PI('Flecainide', 'warnings') },
  {
    ingredient: 'haloperidol',
    label: 'warning',
    source: PI('Haloperidol', 'warnings (cardiovascular effects, 2007)'),
  },
  {
    ingredient: 'citalopram',
    label: 'warning',
    source: 'FDA Drug Safety Communication on citalopram, August 2011 (label warnings)',
  },
  {
    ingredient: 'azithromycin',
    label: 'warning',
    source: 'FDA Drug Safety Communication on azithromycin, March 2013 (label warnings)',
  },
  { ingredient: 'clarithromycin', label: 'warning', source: PI('Clarithromycin', 'warnings') },
  {
    ingredient: 'erythromycin',
    label: 'warning',
    source: PI('Erythromycin', 'warnings (QT prolongation, 2012)'),
  },
  { ingredient: 'levofloxacin', label: 'warning', source: PI('Levofloxacin', 'warnings') },
  { ingredient: 'fluconazole', label: 'warning', source: PI('Fluconazole', 'precautions') },
  { ingredient: 'ondansetron', label: 'warning', source: PI('Ondansetron', 'warnings') },
  {
    ingredient: 'hydroxychloroquine',
    label: 'warning',
    source: PI('Hydroxychloroquine', 'warnings and precautions 5.1'),
  },
  { ingredient: 'chloroquine', label: 'warning', source: PI('Chloroquine', 'warnings') },
  { ingredient: 'anagrelide', label: 'warning', source: PI('Anagrelide', 'warnings') },
  { ingredient: 'quetiapine', label: 'warning', source: PI('Quetiapine', 'warnings') },
  { ingredient: 'hydroxyzine', label: 'warning', source: PI('Hydroxyzine', 'precautions') },
  { ingredient: 'trazodone', label: 'warning', source: PI('Trazodone', 'warnings') },
];

/**
 * QTc thresholds (ms, Bazett unless the record says otherwise). The dronedarone label
 * contraindicates it at a QTc of 500 ms or more and the sotalol label reduces or stops the dose
 * there; the AHA/ACCF statement puts the upper limits of normal at 450 ms in men and 460 ms in
 * women, and names low potassium among the risk factors (the citalopram, azithromycin and
 * hydroxychloroquine labels ask for it to be corrected first).
 */
export const QTC = {
  /** The lab (kb/labs.ts) and drug class (kb/drug-classes.ts) the thresholds are for. */
  lab: 'qtc',
  drugClass: 'qt-prolonging',
  /** At or above this, with any QT-prolonging drug: critical. */
  critical: 500,
  /**
   * Prolonged from these (the AHA/ACCF/HRS ECG standardisation statement, 2009: 450 ms in men,
   * 460 ms in women); a QTc below, measured since the drugs started, answers a combination.
   */
  prolongedFrom: { male: 450, female: 460 },
  /** How old a QTc may be to count, to answer a combination or to make it critical. */
  lookBackDays: 365,
  /** What to do when one QT-prolonging drug is taken with a QTc at the critical level. */
  singleDrugAdvice:
    'Review the need for the drug, or choose one that does not prolong the QT interval; check potassium and magnesium.',
  /** Results that make a QT-prolonging combination a warning at least. */
  riskLabs: [{ lab: 'potassium', below: 3.5, lookBackDays: 90 }],
  source:
    'Dronedarone and sotalol US prescribing information; Rautaharju PM et al., AHA/ACCF/HRS recommendations for the standardization and interpretation of the ECG, part IV, Circulation 2009;119:e241-50; Drew BJ et al., Prevention of torsade de pointes in hospital settings, AHA/ACCF scientific statement, Circulation 2010;121:1047-60',
} as const;
