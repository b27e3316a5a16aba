import { Stat } from '@/components/ui/card';

/**
 * A linked overview figure whose link is named by its label too ("Teachers: 12"), not only by the
 * number: in a screen reader's list of links, "12" alone says nothing about where it goes. The
 * visible number stays the start of what is heard after the label (WCAG 2.5.3, label in name).
 */
export function LinkedStat({ label, value, href }: { label: string; value: number; href: string }) {
  return <Stat label={label} href={href} value={value} linkLabel={`${label}: ${value}`} />;
}
