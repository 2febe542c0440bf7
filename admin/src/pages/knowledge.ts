import { html } from '../ui.js';

export function KnowledgePage() {
  return html`<p class="muted">建设中</p>`;
}
