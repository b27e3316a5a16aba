import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getCalibration } from '@/lib/review/calibration';
import { Alert, EmptyState, PageHeader } from '@/components/ui/card';
import { CalibrationForm } from '@/components/review/calibration-form';

export const metadata = { title: 'Calibration' };

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export default async function CalibrationPage({ params }: { params: Promise<{ microCredentialId: string }> }) {
  const { microCredentialId } = await params;
  const actor = await requireRole(['REVIEWER', 'ISSUER_ADMIN'], `/review/calibration/${microCredentialId}`);
  const cal = await getCalibration({ actor, microCredentialId });
  if (!cal) notFound();
  return (
    <div>
      <p className="text-sm">
        <Link href="/review">← Review queue</Link>
      </p>
      <PageHeader
        title={`Calibration: ${cal.microCredential.title}`}
        description="Score these anonymised sample applications with the rubric, as you would a real one. If at least 75% of your levels match the agreed ones, you are calibrated for this micro-credential."
      />
      {!cal.qualified ? (
        <Alert tone="warning" title="You are not qualified for this micro-credential">
          An issuer admin grants qualifications; teachers who earned it qualify too.
        </Alert>
      ) : null}
      {cal.calibratedAt ? (
        <div className="mb-4">
          <Alert tone="success" title={`You calibrated on ${dateFmt.format(cal.calibratedAt)}`}>
            You may score again to check yourself; a lower result does not remove your calibration.
          </Alert>
        </div>
      ) : null}
      {cal.exemplars.length === 0 ? (
        <EmptyState title="No calibration samples">This micro-credential has no calibration samples, so you can review it without calibrating.</EmptyState>
      ) : cal.qualified ? (
        <CalibrationForm reviewerId={actor.id} microCredentialId={cal.microCredential.id} versionId={cal.versionId} criteria={cal.criteria} levels={cal.levels} exemplars={cal.exemplars} />
      ) : null}
    </div>
  );
}
