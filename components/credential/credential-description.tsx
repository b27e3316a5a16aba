import { Markdown } from '@/components/markdown';
import { RubricTable } from '@/components/credential/rubric-table';
import { PartsList } from '@/components/credential/parts-list';
import { safeHttpUrl } from '@/lib/security/safe-url';
import type { VersionDetail } from '@/lib/catalog/queries';

type Described = Pick<VersionDetail, 'competency' | 'keyMethod' | 'methodComponents' | 'researchRationale' | 'parts' | 'criteria' | 'levels' | 'passingLevelRank' | 'passingRuleKind' | 'passingTotal'>;

/**
 * What a micro-credential version asks and how it is scored: competency, key method, method
 * components, research, what is submitted and the rubric (`#rubric`, which signed badges name).
 * The same on the credential's page and on each version's own page.
 */
export function CredentialDescription({ version: v, submitHeading }: { version: Described; submitHeading: string }) {
  return (
    <>
      <section aria-labelledby="competency">
        <h2 id="competency" className="text-xl font-semibold">Competency</h2>
        <p className="mt-2 text-slate-800">{v.competency}</p>
      </section>
      <section aria-labelledby="key-method">
        <h2 id="key-method" className="text-xl font-semibold">Key method</h2>
        <Markdown source={v.keyMethod} />
      </section>
      {v.methodComponents ? (
        <section aria-labelledby="components">
          <h2 id="components" className="text-xl font-semibold">Method components</h2>
          <Markdown source={v.methodComponents} />
        </section>
      ) : null}
      {v.researchRationale ? (
        <section aria-labelledby="research">
          <h2 id="research" className="text-xl font-semibold">Research and rationale</h2>
          <Markdown source={v.researchRationale} />
        </section>
      ) : null}
      <section aria-labelledby="requirements" className="print-break">
        <h2 id="requirements" className="mb-3 text-xl font-semibold">{submitHeading}</h2>
        <PartsList parts={v.parts} />
      </section>
      <section aria-labelledby="rubric">
        <h2 id="rubric" className="mb-3 text-xl font-semibold">How reviewers score it</h2>
        <RubricTable version={v} />
      </section>
    </>
  );
}

/** The standards a version is aligned to; only http(s) addresses become links (versions published before that rule may hold others). */
export function AlignmentList({ alignments }: { alignments: VersionDetail['alignments'] }) {
  if (!alignments.length) return null;
  return (
    <div className="mt-3 text-sm">
      <p className="font-medium">Aligned to</p>
      <ul className="list-disc pl-5">
        {alignments.map((a) => {
          const href = safeHttpUrl(a.targetUrl);
          return (
            <li key={a.id}>
              {href ? <a href={href} rel="noopener noreferrer">{a.targetName}</a> : a.targetName}
              {a.targetFramework ? ` (${a.targetFramework})` : ''}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
