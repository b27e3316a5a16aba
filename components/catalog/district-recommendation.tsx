// What a teacher's district says about a catalogue item it recommends to them. Rendered only for a
// signed-in teacher with a confirmed district: never part of the page anonymous visitors share
// through the page cache (docs/decisions/006).

/** `notes`: the school's first, then the whole district's when it says something else. */
export type ItemRecommendation = { districtName: string; notes: string[]; forSchool: string | null };

/** The tag on a catalogue card. */
export function RecommendedTag() {
  return <span className="inline-flex items-center rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-semibold text-emerald-900" data-district-recommendation="">Recommended by your district</span>;
}

/** The box on an item's own page: who recommends it, to whom, and the district's note. */
export function RecommendedByDistrict({ recommendation }: { recommendation: ItemRecommendation }) {
  const { districtName, notes, forSchool } = recommendation;
  return (
    <section aria-labelledby="district-recommendation-heading" className="no-print mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-emerald-950" data-district-recommendation="">
      <h2 id="district-recommendation-heading" className="font-semibold">Recommended by your district</h2>
      <p className="text-sm">{forSchool ? `${districtName} recommends it to teachers at ${forSchool}.` : `${districtName} recommends it to its teachers.`}</p>
      {notes.map((note) => <p key={note} className="mt-1 whitespace-pre-line text-sm">{note}</p>)}
    </section>
  );
}
