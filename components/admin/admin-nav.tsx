import { SectionNav } from '@/components/ui/section-nav';

const items = [
  { href: '/admin', label: 'Overview', exact: true },
  { href: '/admin/credentials', label: 'Micro-credentials' },
  { href: '/admin/tracks', label: 'Tracks' },
  { href: '/admin/stacks', label: 'Stacks' },
  { href: '/admin/submissions', label: 'Applications' },
  { href: '/admin/questions', label: 'Questions' },
  { href: '/admin/awards', label: 'Badges issued' },
  { href: '/admin/people', label: 'People' },
  { href: '/admin/dashboard', label: 'Trends' },
  { href: '/admin/review-quality', label: 'Review quality' },
  { href: '/admin/settings', label: 'Settings' },
  { href: '/admin/audit', label: 'Audit log' },
];

export function AdminNav() {
  return <SectionNav label="Administration" items={items} />;
}
