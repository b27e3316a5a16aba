import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';

// Navigation only: every page and action checks the issuer-admin role itself.
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div>
      <AdminNav />
      {children}
    </div>
  );
}
