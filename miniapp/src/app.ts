import { login } from './services/api';

App({
  onLaunch() {
    // Students need no account; the session only identifies subscriptions and contacts.
    login().catch(() => undefined);
  },
});
