/**
 * One CDS card as an EHR shows it (CDS Hooks 2.0, "Card"): indicator colour, summary, sanitised
 * markdown detail, source label/link/icon, suggestions as buttons, links, and dismissal with the
 * service's override reasons. What the buttons do is passed in; this file only renders.
 */
import type { Card, Coding, Link, Suggestion } from '../../../cds-service/contract/cds-hooks';
import { el, onClick, safeHttpUrl } from './dom';
import { renderMarkdown } from './markdown';
import { problemText } from './api';

export interface CardHandlers {
  /** Applies the suggestion and sends `accepted` feedback; answers what to tell the clinician. */
  accept(card: Card, suggestion: Suggestion): Promise<string>;
  /** Sends `overridden` feedback. */
  dismiss(card: Card, reason: Coding | undefined, comment: string): Promise<void>;
  openLink(card: Card, link: Link): Promise<void>;
}

const INDICATOR_LABEL: Record<Card['indicator'], string> = {
  critical: 'Critical',
  warning: 'Warning',
  info: 'Info',
};

export function renderCard(card: Card, serviceTitle: string, handlers: CardHandlers): HTMLElement {
  const status = el('p', { class: 'card-status', role: 'status' });
  const article = el('article', {
    class: `card card-${card.indicator}`,
    'aria-label': `${INDICATOR_LABEL[card.indicator]}: ${card.summary}`,
  });

  const head = el(
    'header',
    { class: 'card-head' },
    el('span', { class: `indicator indicator-${card.indicator}` }, INDICATOR_LABEL[card.indicator]),
    el('h3', { class: 'card-summary' }, card.summary),
  );
  const detail = card.detail
    ? el('div', { class: 'card-detail' }, renderMarkdown(card.detail))
    : null;

  const icon = safeHttpUrl(card.source.icon);
  const sourceUrl = safeHttpUrl(card.source.url);
  const source = el(
    'p',
    { class: 'card-source' },
    icon ? el('img', { src: icon, alt: '', width: '16', height: '16' }) : null,
    'Source: ',
    sourceUrl
      ? el(
          'a',
          { href: sourceUrl, target: '_blank', rel: 'noopener noreferrer' },
          card.source.label,
        )
      : card.source.label,
    el('span', { class: 'muted' }, ` · ${serviceTitle}`),
  );

  const suggestionButtons = (card.suggestions ?? []).map((s) => {
    const button = el(
      'button',
      { type: 'button', class: s.isRecommended ? 'primary' : 'secondary' },
      s.label,
    );
    onClick(button, async () => {
      setBusy(article, true);
      try {
        status.textContent = await handlers.accept(card, s);
      } catch (err) {
        status.textContent = problemText(err);
        setBusy(article, false);
        return;
      }
      setBusy(article, false);
      article.classList.add('card-accepted');
      // A suggestion is taken once. CDS Hooks selectionBehavior: with `any` the others stay
      // usable; with `at-most-one` they go, and so does Dismiss. Links stay either way.
      button.disabled = true;
      if (card.selectionBehavior !== 'any') {
        for (const b of suggestionButtons) b.disabled = true;
        dismissButton.disabled = true;
      }
    });
    return button;
  });

  const linkButtons = (card.links ?? []).map((link) => {
    const button = el(
      'button',
      { type: 'button', class: 'link-button', 'data-link-type': link.type },
      link.label,
      link.type === 'absolute' ? ' ↗' : '',
    );
    onClick(button, async () => {
      try {
        await handlers.openLink(card, link);
      } catch (err) {
        status.textContent = problemText(err);
      }
    });
    return button;
  });

  const dismissButton = el('button', { type: 'button', class: 'quiet' }, 'Dismiss');
  const dismissForm = renderDismissForm(card, async (reason, comment) => {
    await handlers.dismiss(card, reason, comment);
    article.classList.add('card-dismissed');
    article.hidden = true;
  });
  onClick(dismissButton, () => {
    dismissForm.hidden = !dismissForm.hidden;
  });

  article.append(
    head,
    ...(detail ? [detail] : []),
    source,
    el(
      'div',
      { class: 'card-actions' },
      ...suggestionButtons,
      ...linkButtons,
      el('span', { class: 'spacer' }),
      dismissButton,
    ),
    dismissForm,
    status,
  );
  return article;
}

function setBusy(article: HTMLElement, busy: boolean): void {
  article.setAttribute('aria-busy', String(busy));
  for (const b of article.querySelectorAll('button')) b.disabled = busy;
}

function renderDismissForm(
  card: Card,
  onConfirm: (reason: Coding | undefined, comment: string) => Promise<void>,
): HTMLElement {
  const reasons = card.overrideReasons ?? [];
  const select = el(
    'select',
    { 'aria-label': 'Reason for dismissing' },
    el('option', { value: '' }, reasons.length ? 'Choose a reason…' : 'No reasons offered'),
    ...reasons.map((r, i) => el('option', { value: String(i) }, r.display)),
  );
  const comment = el('input', {
    type: 'text',
    maxlength: '500',
    placeholder: 'Comment (optional)',
    'aria-label': 'Comment',
  });
  const confirm = el('button', { type: 'button', class: 'secondary' }, 'Confirm dismiss');
  const problem = el('span', { class: 'card-problem', role: 'alert' });
  const form = el(
    'div',
    { class: 'dismiss-form', hidden: true },
    select,
    comment,
    confirm,
    problem,
  );
  onClick(confirm, async () => {
    const reason = select.value === '' ? undefined : reasons[Number(select.value)];
    confirm.disabled = true;
    try {
      await onConfirm(reason, comment.value.trim());
    } catch (err) {
      problem.textContent = problemText(err);
      confirm.disabled = false;
    }
  });
  return form;
}
