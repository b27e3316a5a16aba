import { z } from 'zod';
import { blankToUndefined, str } from '@/lib/zod-text';
import { seenAtInput } from '@/lib/seen-at';
import { searchText } from '@/lib/search-text';
import { EmailInput } from '@/lib/auth/schemas';

const checkbox = z.enum(['on']).optional().transform((v) => v === 'on');
/** An email box that may be left empty; only spaces count as empty, as a browser's email box has it. */
const OptionalEmail = z.preprocess(blankToUndefined, EmailInput.optional()).transform((v) => v || null);

/** Slugs name an organisation in public addresses (/issuers/{slug}) and in issued badges: set once. */
export const OrgSlug = str()
  .trim()
  .toLowerCase()
  .min(3, 'Use at least 3 characters.')
  .max(60, 'Use at most 60 characters.')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens, e.g. “teaching-matters”.');

// Letters that Unicode does not decompose into a base letter and an accent.
const FOLD: Record<string, string> = { ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

export function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[łøæœßđðþı]/g, (c) => FOLD[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

const OrgName = str().trim().min(2, 'Enter the organisation’s name.').max(120, 'Use at most 120 characters.');

const WebAddress = str()
  .trim()
  .max(300, 'Use at most 300 characters.')
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || /^https:\/\/[^\s/$.?#][^\s]*$/i.test(v), 'Use a full https:// address, e.g. https://example.org.');

/**
 * A settings form that does not say when it was loaded cannot be checked against someone else's
 * newer save, so it is refused rather than saved blind (a page from before the check, a hand-made
 * request).
 */
export const SETTINGS_FORM_OUT_OF_DATE = 'This form is out of date. Reload the page to see the current settings, then make your change again.';

/**
 * The settings as the form showed them (their `updatedAt` then): a save on top of someone else's
 * newer save is refused.
 */
export const SeenAt = seenAtInput(SETTINGS_FORM_OUT_OF_DATE);

/** What badge earners and verifiers see about an issuer (its page, its Open Badges profile, new badges). */
export const IssuerProfileInput = z.object({
  organizationId: str().min(1).max(40),
  seenAt: SeenAt,
  name: OrgName,
  description: str().trim().max(2000, 'Use at most 2,000 characters.').default(''),
  url: WebAddress,
  email: OptionalEmail,
  linkedinOrganizationId: str()
    .trim()
    .max(300, 'Use the number in your LinkedIn page’s admin address.')
    .optional()
    // The page's admin address (linkedin.com/company/1234567/admin/) or the number alone.
    .transform((v) => (v ? (/linkedin\.com\/company\/(\d{1,15})(?:\/|$)/i.exec(v)?.[1] ?? v) : null))
    .refine((v) => v === null || /^\d{1,15}$/.test(v), 'Use the number in your LinkedIn page’s admin address, e.g. 1234567 from linkedin.com/company/1234567/admin/.'),
});

/** The checks that keep an issuer's scoring fair; each takes effect for work claimed or submitted from now on. */
export const IssuerReviewSettingsInput = z.object({
  organizationId: str().min(1).max(40),
  seenAt: SeenAt,
  // An emptied box is asked for, not read as 0 (z.coerce.number makes 0 of ""): 0% would turn second scoring off unseen.
  slaBusinessDays: z.preprocess(blankToUndefined, z.coerce.number({ error: 'Enter a number of working days.' }).int('Use a whole number of days.').min(1, 'At least 1 working day.').max(60, 'At most 60 working days.')),
  doubleScorePercent: z.preprocess(blankToUndefined, z.coerce.number({ error: 'Enter a percentage.' }).int('Use a whole percentage.').min(0, 'Use 0 to 100.').max(100, 'Use 0 to 100.')),
  claimMinutes: z.coerce.number().int().refine((v) => CLAIM_MINUTES.includes(v), 'Choose one of the listed times.'),
  blockSameDistrict: checkbox,
  blindReview: checkbox,
  calibrationRequired: checkbox,
});
export const CLAIM_MINUTES = [60, 120, 240, 480, 1440];

export const NO_ADDRESS_FROM_NAME = 'We could not make a web address from this name. Type one in lowercase Latin letters, for example athens-schools.';

export const NewOrganizationInput = z
  .object({
    kind: z.enum(['ISSUER', 'DISTRICT'], { error: 'Choose issuer or district.' }),
    name: OrgName,
    slug: str().trim().max(60, 'Use at most 60 characters.').optional(),
    firstEmail: OptionalEmail,
  })
  .transform((v, ctx) => {
    const slug = OrgSlug.safeParse(v.slug || slugFromName(v.name));
    if (!slug.success) {
      // Left blank, the address is made from the name, which may have too few Latin letters or
      // digits for one (“Δήμος Αθηναίων”): a rule about characters nobody typed would not help.
      const message = v.slug ? slug.error.issues[0]?.message : NO_ADDRESS_FROM_NAME;
      ctx.addIssue({ code: 'custom', path: ['slug'], message: message ?? 'Choose an address.' });
      return z.NEVER;
    }
    return { ...v, slug: slug.data };
  });

export const SchoolInput = z.object({
  districtId: str().min(1).max(40),
  name: str().trim().min(2, 'Enter the school’s name.').max(120, 'Use at most 120 characters.'),
});

export const RenameSchoolInput = z.object({
  schoolId: str().min(1).max(40),
  name: str().trim().min(2, 'Enter the school’s name.').max(120, 'Use at most 120 characters.'),
});

export const RenameDistrictInput = z.object({
  districtId: str().min(1).max(40),
  name: str().trim().min(2, 'Enter the district’s name.').max(120, 'Use at most 120 characters.'),
});

export const AccountStatusInput = z
  .object({
    userId: str().min(1).max(40),
    op: z.enum(['disable', 'enable']),
    reason: str().trim().max(500).default(''),
    // “Disable anyway”: needed when the account is the only active leader or admin of an
    // organisation (a takeover cannot wait for a successor); the server checks, not this schema.
    disableAnyway: checkbox,
  })
  .refine((v) => v.op === 'enable' || v.reason.length >= 3, { path: ['reason'], message: 'Say why the account is disabled (the person is told).' });

export const OrgListInput = z.object({
  kind: z.enum(['ISSUER', 'DISTRICT']).optional().catch(undefined),
  q: str().overwrite(searchText).max(100).optional().catch(undefined),
  cursor: str().max(300).optional().catch(undefined),
});

/** Replacing an issuer's signing key (lib/awards/keys.ts rotateIssuerKey). */
export const RotateSigningKeyInput = z.object({
  organizationId: z.string().min(1).max(40),
  // The key the page showed as current ('' when the issuer had none yet).
  seenKeyId: z.string().max(40).default(''),
  reason: z.string().trim().min(1, 'Say why the key is being replaced: the reason is kept in the audit log.').max(500, 'Keep the reason under 500 characters.'),
});
