import type { ReactNode } from 'react';
import Link from 'next/link';

/** `id`: for a link to this card from elsewhere on the page (it lands a little below the top). */
export function Card({ children, className = '', as: As = 'section', id }: { children: ReactNode; className?: string; as?: 'section' | 'div' | 'article' | 'li'; id?: string }) {
  return <As id={id} className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${id ? 'scroll-mt-4' : ''} ${className}`}>{children}</As>;
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
        {description ? <p className="mt-1 max-w-3xl text-slate-700">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

/** `headingLevel`: 2 on its own on a page (the default); 3 inside a section whose heading is an h2. */
export function EmptyState({ title, children, action, headingLevel = 2 }: { title: string; children?: ReactNode; action?: ReactNode; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <Heading className="text-lg font-semibold">{title}</Heading>
      {children ? <div className="mx-auto mt-2 max-w-prose text-slate-700">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}

const tones = {
  neutral: 'bg-slate-100 text-slate-800',
  info: 'bg-blue-100 text-blue-900',
  success: 'bg-green-100 text-green-900',
  warning: 'bg-amber-100 text-amber-900',
  danger: 'bg-red-100 text-red-900',
  purple: 'bg-violet-100 text-violet-900',
} as const;
export type Tone = keyof typeof tones;

export function Pill({ children, tone = 'neutral' }: { children: ReactNode; tone?: Tone }) {
  return <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ${tones[tone]}`}>{children}</span>;
}

/**
 * A message box; on its own it is a live region (role alert for danger, status otherwise). `live={false}`:
 * it sits in a live region that is always on the page and announces it (OutcomeRegions, or a container
 * with role status): no role of its own, so it is not read out twice. It looks the same either way.
 */
export function Alert({ children, tone = 'info', title, live = true }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' | 'danger'; title?: string; live?: boolean }) {
  const styles = {
    info: 'border-blue-300 bg-blue-50 text-blue-950',
    success: 'border-green-300 bg-green-50 text-green-950',
    warning: 'border-amber-300 bg-amber-50 text-amber-950',
    danger: 'border-red-300 bg-red-50 text-red-950',
  }[tone];
  return (
    <div role={live ? (tone === 'danger' ? 'alert' : 'status') : undefined} className={`rounded-md border px-4 py-3 text-sm ${styles}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      <div>{children}</div>
    </div>
  );
}

/** One figure in a <dl> of figures: its label and value, optionally linked to the list behind it. */
/** `linkLabel`: the linked figure's name when its number alone would not say where it goes. */
/**
 * A linked figure's whole card takes the tap or click (the link's ::after covers it), so on a phone
 * the target is the card, not a two-digit number; the link itself, and so what is focused and read
 * out, is still the number, with its own focus ring.
 */
export function Stat({ label, value, href, linkLabel }: { label: string; value: ReactNode; href?: string; linkLabel?: string }) {
  return (
    <Card as="div" className={href ? 'relative hover:border-brand-600' : ''}>
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-2xl font-bold">
        {href ? (
          <Link href={href} aria-label={linkLabel} className="text-slate-900 after:absolute after:inset-0 after:rounded-lg after:content-['']">
            {value}
          </Link>
        ) : (
          value
        )}
      </dd>
    </Card>
  );
}
