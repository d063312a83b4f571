/** The side frame where the EHR runs a SMART app launched from a card link, beside the chart. */
import { byId, el, onClick, replaceChildren } from './dom';

export function openPanelFrame(url: string, title: string): void {
  const frame = byId('panel-frame', HTMLElement);
  const close = el('button', { type: 'button', class: 'quiet', 'aria-label': 'Close app' }, '✕');
  onClick(close, closePanelFrame);
  replaceChildren(
    frame,
    el('header', { class: 'panel-frame-head' }, el('span', {}, title), close),
    el('iframe', { src: url, title: `SMART app: ${title}`, name: 'smart-app' }),
  );
  frame.hidden = false;
  document.body.classList.add('with-panel');
}

export function closePanelFrame(): void {
  const frame = byId('panel-frame', HTMLElement);
  frame.hidden = true;
  frame.replaceChildren();
  document.body.classList.remove('with-panel');
}
