import { html } from '../ui.js';

export function QuestionsPage() {
  return html`<p class="muted">建设中</p>`;
}
