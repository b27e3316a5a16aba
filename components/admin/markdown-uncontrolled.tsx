'use client';

import { useState } from 'react';
import { MarkdownField } from '@/components/admin/markdown-field';

/** MarkdownField for plain FormData forms: keeps its own state and submits under `name`. */
export function MarkdownFieldUncontrolled({ defaultValue, ...props }: { label: string; name: string; defaultValue: string; errors?: string[]; hint?: string }) {
  const [value, setValue] = useState(defaultValue);
  return <MarkdownField {...props} value={value} onChange={setValue} />;
}
