import Link from 'next/link';
import { portfolioHeading } from '@/components/awards/portfolio-words';

export type PortfolioPreviewData = {
  header: { name: string; headline: string | null; school: string | null; credentials: number; pdHours: number };
  handle: string | null;
  isPublic: boolean;
  showsSchool: boolean;
  schoolName: string | null;
  hiddenBadges: number;
};

/**
 * The top of the teacher's public portfolio exactly as visitors read it (the same words as
 * /u/{handle}: portfolioHeading), with what decides it: whether it is public, whether it names
 * their school, how many badges they hid from it. `linkPortfolio`: say where it is, with a link (the
 * account page; My badges has that link in its header already). On My badges it links to the
 * account page's setting (`settingsHref`); on the account page the setting is right under it.
 */
export function PortfolioPreview({ preview, linkPortfolio = false, settingsHref }: { preview: PortfolioPreviewData; linkPortfolio?: boolean; settingsHref?: string }) {
  const heading = portfolioHeading(preview.header);
  const { handle, isPublic, showsSchool, schoolName, hiddenBadges } = preview;
  return (
    <div>
      <p className="text-sm">
        {!isPublic || !handle ? (
          <>Your portfolio is private, so nobody else sees it. Once you make it public, its top will read:</>
        ) : linkPortfolio ? (
          <>Anyone can see your portfolio at <Link href={`/u/${handle}`}>/u/{handle}</Link>. Its top reads:</>
        ) : (
          <>Anyone with the address can see your portfolio. Its top reads:</>
        )}
      </p>
      <blockquote className="my-2 border-l-4 border-slate-300 pl-3">
        <p className="font-semibold">{heading.title}</p>
        {preview.header.headline ? <p className="text-slate-800">{preview.header.headline}</p> : null}
        <p className="text-sm text-slate-700">{heading.description}</p>
      </blockquote>
      <p className="text-sm text-slate-700">
        {!schoolName
          ? 'It names no school: you have none on this site.'
          : showsSchool
            ? `It names your school, ${schoolName}.`
            : `It does not name your school (${schoolName}).`}
        {settingsHref ? <> <Link href={settingsHref}>Choose whether it shows your school</Link>.</> : null}
      </p>
      {hiddenBadges ? (
        <p className="mt-1 text-sm text-slate-700">
          {hiddenBadges === 1 ? '1 badge you hid is' : `${hiddenBadges.toLocaleString('en-GB')} badges you hid are`} left out of it, and out of its totals. People with the link to a hidden badge can still verify it.
        </p>
      ) : null}
    </div>
  );
}
