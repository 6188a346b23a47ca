// Messages of the organiser's console screens (English). Typed against the Chinese file: same keys.
import type { adminZhCN } from './admin.zh-CN.ts';

export const adminEn: Record<keyof typeof adminZhCN, string> = {
  'admin.title': 'Organiser console',
  'admin.signIn.title': 'Organiser sign-in',
  'admin.signIn.username': 'Username',
  'admin.signIn.password': 'Password',
  'admin.signIn.submit': 'Sign in',
  'admin.nav.events': 'Events',
  'admin.signOut': 'Sign out',
};
