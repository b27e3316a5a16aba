import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { getActor, requireRole } from '@/lib/auth/session';
import { isPlatformAdmin, ledSchoolIds, orgIdsWithRole, type Actor } from '@/lib/auth/actor';
import { AwardListInput } from '@/lib/awards/queries';
import { getDistrictTeacherRecord, type DistrictTeacherRecord } from '@/lib/district/queries';
import { isDomainError } from '@/lib/errors';
import { formatDateTime } from '@/lib/time-format';
import { PrintButton } from '@/components/print-button';
import { Pagination } from '@/components/ui/pagination';
import { RecordBadges, RecordContinued, RecordHours, RecordRenewals, RecordSalarySteps, RecordWork, TeacherRecordHeader } from '@/components/district/teacher-record';
import { RECORD_ENTRIES_LIMIT } from '@/lib/external-learning/queries';
import { OtherLearningOnRecord } from '@/components/external-learning/record-section';
import { RecordLicenceCycleSection } from './licence-cycle';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// Loaded once per request for the title and the page: both get the request's actor from getActor.
const loadRecord = cache((actor: Actor, id: string, cursor: string | undefined) => getDistrictTeacherRecord({ actor, userId: id, cursor }));

// The title names the teacher, as the heading does (and is the file name a browser suggests when
// the page is saved as PDF); anyone who may not read the record gets the plain title.
export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const actor = await getActor();
  const { cursor } = AwardListInput.parse(await searchParams);
  const record = actor ? await loadRecord(actor, (await params).id, cursor).catch(() => null) : null;
  return { title: record ? `Teacher record: ${record.teacher.name}` : 'Teacher record' };
}

/** Back to the list the reader came from: their district's teachers, or their school's (a principal). */
function listHref(actor: Actor, record: DistrictTeacherRecord): { href: string; label: string } {
  if (record.reader === 'school') {
    const several = ledSchoolIds(actor).length > 1;
    return { href: `/school/teachers${several && record.teacher.schoolId ? `?school=${encodeURIComponent(record.teacher.schoolId)}` : ''}`, label: `Back to the teachers at ${record.teacher.schoolName}` };
  }
  const several = isPlatformAdmin(actor) || orgIdsWithRole(actor, 'DISTRICT_LEADER').length > 1;
  return { href: `/district/teachers${several ? `?district=${encodeURIComponent(record.teacher.districtId)}` : ''}`, label: `Back to the teachers in ${record.teacher.districtName}` };
}

/**
 * One teacher's full record, for the leaders who verify it for licence renewal and salary steps:
 * the teacher's district leaders (and platform admins), and the leaders of the school they are
 * placed at, who read it without pay or review outcomes (ADR 016). Reached from the teacher's name
 * on /district/teachers and /school/teachers. Anyone else without either role gets the forbidden
 * page, as every /district page gives; a leader who may not read this teacher gets "not found",
 * the answer an id that is no one gets, so ids cannot be probed.
 */
export default async function DistrictTeacherRecordPage({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await requireRole(['DISTRICT_LEADER', 'SCHOOL_LEADER'], `/district/teachers/${encodeURIComponent(id)}`);
  const { cursor } = AwardListInput.parse(await searchParams);
  const record = await loadRecord(actor, id, cursor).catch((e: unknown) => {
    if (isDomainError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const back = listHref(actor, record);
  const self = `/district/teachers/${encodeURIComponent(record.teacher.id)}`;
  return (
    <article className="mx-auto max-w-5xl">
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3">
        <Link href={back.href}>{back.label}</Link>
        <PrintButton />
      </div>
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">Teacher record</p>
      <h1 className="mb-4 text-2xl font-bold tracking-tight sm:text-3xl">{record.teacher.name}</h1>
      <TeacherRecordHeader record={record} produced={formatDateTime(record.producedAt, actor.timeZone)} />
      {record.summary ? (
        <>
          <RecordHours record={record} summary={record.summary} />
          {record.licenceCycle ? <RecordLicenceCycleSection record={record} cycle={record.licenceCycle} /> : null}
          <RecordSalarySteps record={record} summary={record.summary} />
          <RecordRenewals record={record} summary={record.summary} />
        </>
      ) : (
        <RecordContinued firstPage={self} />
      )}
      {record.work ? <RecordWork record={record} work={record.work} /> : null}
      <RecordBadges record={record} />
      <div className="no-print">
        <Pagination basePath={self} params={{}} nextCursor={record.badges.nextCursor} hasPrevious={record.badges.continued} />
      </div>
      {/* Apart from every verified figure above, and labelled so: what the teacher recorded themselves. */}
      {record.otherLearning ? <OtherLearningOnRecord teacherName={record.teacher.name} limit={RECORD_ENTRIES_LIMIT} otherLearning={record.otherLearning} /> : null}
    </article>
  );
}
