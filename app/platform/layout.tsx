import type { ReactNode } from 'react';
import { SectionNav } from '@/components/ui/section-nav';

const items = [
  { href: '/platform', label: 'Organisations', exact: true },
  { href: '/platform/accounts', label: 'Accounts' },
  { href: '/platform/audit', label: 'Audit log' },
];

// Navigation only: every page and action checks the platform-admin role itself.
export default function PlatformLayout({ children }: { children: ReactNode }) {
  return (
    <div>
      <SectionNav label="Platform" items={items} />
      {children}
    </div>
  );
}
