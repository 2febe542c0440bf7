import { html } from '../ui.js';

export function DashboardPage() {
  return html`<p class="muted">建设中</p>`;
}
