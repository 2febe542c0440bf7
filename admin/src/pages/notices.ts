import { html } from '../ui.js';

export function NoticesPage() {
  return html`<p class="muted">建设中</p>`;
}
