import Link from 'next/link';
import type { ComponentProps } from 'react';

const base =
  'inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold no-underline transition-colors disabled:cursor-not-allowed disabled:opacity-60 min-h-10';
const variants = {
  primary: 'bg-brand-700 text-white hover:bg-brand-800 hover:no-underline',
  secondary: 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 hover:no-underline',
  danger: 'bg-red-700 text-white hover:bg-red-800 hover:no-underline',
  ghost: 'text-brand-700 hover:bg-brand-50 hover:no-underline',
} as const;
export type ButtonVariant = keyof typeof variants;

export function buttonClass(variant: ButtonVariant = 'primary', extra = '') {
  return `${base} ${variants[variant]} ${extra}`;
}

/** The small inline button of admin tables and lists (remove a role, save a row); at least 24px tall (WCAG 2.5.8). */
export const smallButtonClass = 'inline-flex min-h-6 items-center rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-semibold hover:bg-slate-100';

export function Button({ variant = 'primary', className = '', ...props }: ComponentProps<'button'> & { variant?: ButtonVariant }) {
  return <button className={buttonClass(variant, className)} {...props} />;
}

export function ButtonLink({ variant = 'primary', className = '', ...props }: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link className={buttonClass(variant, className)} {...props} />;
}
