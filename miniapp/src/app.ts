import { ensureSession } from './services/api';

App({
  onLaunch() {
    // Students need no account; the session identifies subscriptions, questions and contacts.
    // Pages that need it wait for this same login (ensureSession) instead of racing it.
    ensureSession().catch(() => undefined);
  },
});
