import { can, type Permission } from '../auth/permissions';
import type { StaffRole } from '../auth/roles';

export interface NavItem {
  id: string;
  label: string;
  href: string;
  permission: Permission;
}

/** Every page of the web app, with the permission it needs: the navigation shows a role its own. */
export const PAGES: readonly NavItem[] = [
  { id: 'queue', label: 'Review queue', href: '/queue', permission: 'review-tasks.read' },
  { id: 'denials', label: 'Denials', href: '/worklists/denials', permission: 'review-tasks.read' },
  { id: 'rejections', label: 'Rejections', href: '/worklists/rejections', permission: 'review-tasks.read' },
  { id: 'pathology', label: 'Pathology', href: '/worklists/pathology', permission: 'visits.read' },
  {
    id: 'unmatched',
    label: 'Unmatched payments',
    href: '/worklists/unmatched',
    permission: 'documents.read',
  },
  {
    id: 'late-remittances',
    label: 'Late remittances',
    href: '/worklists/late-remittances',
    permission: 'review-tasks.read',
  },
  {
    id: 'escalations',
    label: 'Escalations',
    href: '/worklists/escalations',
    permission: 'review.decide-escalated',
  },
  { id: 'claims', label: 'Claims', href: '/claims', permission: 'visits.read' },
  { id: 'dashboard', label: 'Dashboard', href: '/dashboard', permission: 'metrics.read' },
];

export function navigationFor(role: StaffRole): NavItem[] {
  return PAGES.filter((p) => can(role, p.permission));
}

export function pageById(id: string): NavItem {
  const page = PAGES.find((p) => p.id === id);
  if (!page) throw new Error(`unknown page ${id}`);
  return page;
}

/** Where a person lands after signing in: the first page their role may open. */
export function homeFor(role: StaffRole): string {
  return navigationFor(role)[0]?.href ?? '/sign-in';
}
