// The districts (Sozialräume) a measure names, chosen from the city's list (moderators and organisers).

import { useEffect, useState } from "preact/hooks";
import { api } from "../../api";
import { messages } from "../../i18n";
import { ActionButton } from "../../ui";

interface District {
  id: string;
  name: string;
  citywide: boolean;
  retired: boolean;
}

const T = messages({
  de: {
    legend: "Sozialräume der Maßnahme",
    hint: "Aus der Liste der Stadt; das Freitextfeld „Stadtbezirk / Sozialraum“ bleibt als Bemerkung.",
    save: "Sozialräume speichern",
    retired: "aufgelöst",
  },
  en: {
    legend: "Districts of the measure",
    hint: "From the city's list; the free-text field stays as a remark.",
    save: "Save districts",
    retired: "retired",
  },
});

export function DistrictChoice({ measureId, named, onSaved }: { measureId: string; named: string[]; onSaved: () => void }) {
  const [districts, setDistricts] = useState<District[] | null>(null);
  const [chosen, setChosen] = useState<string[]>(named);
  useEffect(() => {
    let alive = true;
    api.get<District[]>("/districts").then(
      (list) => alive && setDistricts(list),
      () => alive && setDistricts([]),
    );
    return () => {
      alive = false;
    };
  }, []);
  useEffect(() => setChosen(named), [named.join(",")]);
  const shown = (districts ?? []).filter((d) => !d.retired || named.includes(d.id));
  if (shown.length === 0) return null;
  const toggle = (id: string) => setChosen(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  const unchanged = chosen.length === named.length && chosen.every((id) => named.includes(id));
  return (
    <fieldset class="district-choice">
      <legend>{T().legend}</legend>
      <p class="muted">{T().hint}</p>
      {shown.map((d) => (
        <label key={d.id} class="inline">
          <input
            type="checkbox"
            checked={chosen.includes(d.id)}
            disabled={d.retired && !chosen.includes(d.id)}
            onChange={() => toggle(d.id)}
          />{" "}
          {d.name}
          {d.retired && ` (${T().retired})`}
        </label>
      ))}
      <p class="actions">
        <ActionButton
          label={T().save}
          kind="secondary"
          disabled={unchanged}
          action={() => api.put(`/measures/${measureId}/districts`, { district_ids: chosen })}
          onDone={onSaved}
        />
      </p>
    </fieldset>
  );
}
