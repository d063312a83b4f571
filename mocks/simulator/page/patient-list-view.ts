/** The patient picker: each fixture patient by name, age, sex and main problems. */
import type { PatientListItem } from '../contract';
import { el, onClick, replaceChildren } from './dom';

export const ageSex = (p: Pick<PatientListItem, 'ageYears' | 'sex'>): string =>
  `${p.ageYears === null ? 'age unknown' : `${p.ageYears} y`} · ${p.sex}`;

export function renderPatientList(
  root: HTMLElement,
  patients: readonly PatientListItem[],
  selectedId: string | undefined,
  onPick: (id: string) => void,
): void {
  const items = patients.map((p) => {
    const button = el(
      'button',
      { type: 'button', class: 'patient', 'aria-pressed': String(p.id === selectedId) },
      el('span', { class: 'patient-name' }, p.name),
      el('span', { class: 'patient-meta' }, ageSex(p)),
      el(
        'span',
        { class: 'patient-problems' },
        p.problems.length ? p.problems.join(', ') : 'No active problems',
      ),
    );
    onClick(button, () => {
      onPick(p.id);
    });
    return el('li', {}, button);
  });
  replaceChildren(root, el('ul', { class: 'plain' }, ...items));
}
