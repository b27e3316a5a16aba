import Link from 'next/link';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { districtForPage } from '@/lib/district/page-district';
import { listSchoolsWithCounts } from '@/lib/district/schools';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { DistrictPicker } from '@/components/admin/district-picker';
import { smallButtonClass } from '@/components/ui/button';
import { TableScroll } from '@/components/ui/table-scroll';
import { InlineActionForm } from '@/components/admin/inline-action-form';
import { AddSchoolForm } from '@/components/admin/school-forms';
import { renameDistrictAction, renameSchoolAction } from './actions';

export const metadata = { title: 'Schools' };
const Query = z.object({ district: z.string().max(40).optional().catch(undefined) });
const numberFmt = new Intl.NumberFormat('en-GB');

export default async function DistrictSchoolsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['DISTRICT_LEADER'], '/district/schools');
  const query = Query.parse(await searchParams);
  const { district, districts } = await districtForPage(actor, query.district);
  const schools = await listSchoolsWithCounts({ actor, districtId: district.id });
  return (
    <div className="max-w-4xl">
      <DistrictPicker districts={districts} current={district.id} />
      <PageHeader
        title="Schools"
        description={`The name and schools of ${district.name}. Teachers are placed at a school when you confirm or invite them, and reports show each teacher’s school.`}
      />
      <Card className="mb-6">
        <h2 className="mb-2 font-semibold">District name</h2>
        <p className="mb-2 text-sm text-slate-700">As teachers see it when they sign up and on their account, and in your reports. Correct it here if it is wrong.</p>
        <InlineActionForm action={renameDistrictAction} hidden={{ districtId: district.id }} className="w-full">
          <label className="sr-only" htmlFor="district-name">District name</label>
          <input id="district-name" name="name" defaultValue={district.name} required maxLength={120} className="w-72 max-w-full rounded border border-slate-500 px-2 py-1 text-sm" />
          <button type="submit" className={smallButtonClass}>Rename the district</button>
        </InlineActionForm>
      </Card>
      <Card>
        <h2 className="mb-2 font-semibold">Add a school</h2>
        <AddSchoolForm districtId={district.id} />
      </Card>
      <section aria-labelledby="schools-h" className="mt-6">
        <h2 id="schools-h" className="mb-2 text-lg font-semibold">{schools.length === 1 ? '1 school' : `${numberFmt.format(schools.length)} schools`}</h2>
        {schools.length === 0 ? <EmptyState title="No schools yet">Add your district’s schools so you can place teachers at them.</EmptyState> : (
          <TableScroll label={`Schools of ${district.name}`}>
            <table className="w-full text-sm">
              <caption className="sr-only">Schools of {district.name}</caption>
              <thead className="bg-slate-50 text-left">
                <tr><th scope="col" className="p-3">School</th><th scope="col" className="p-3 text-right">Teachers</th><th scope="col" className="p-3">Rename</th></tr>
              </thead>
              <tbody>
                {schools.map((s) => (
                  <tr key={s.id} className="border-t border-slate-100 align-top">
                    <td className="p-3 font-medium">{s.name}</td>
                    <td className="p-3 text-right tabular-nums">
                      <Link href={`/district/teachers?${new URLSearchParams({ ...(districts.length > 1 ? { district: district.id } : {}), school: s.id })}`}>
                        {numberFmt.format(s._count.schoolUsers)}<span className="sr-only"> {s._count.schoolUsers === 1 ? 'teacher' : 'teachers'} at {s.name}: show them</span>
                      </Link>
                    </td>
                    <td className="p-3">
                      <InlineActionForm action={renameSchoolAction} hidden={{ schoolId: s.id }}>
                        <label className="sr-only" htmlFor={`rename-${s.id}`}>New name for {s.name}</label>
                        <input id={`rename-${s.id}`} name="name" defaultValue={s.name} required maxLength={120} className="w-56 max-w-full rounded border border-slate-500 px-2 py-1 text-sm" />
                        <button type="submit" className={smallButtonClass}>Rename<span className="sr-only"> {s.name}</span></button>
                      </InlineActionForm>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
