import { html } from '../ui.js';

export function ReportsPage() {
  return html`<p class="muted">建设中</p>`;
}
