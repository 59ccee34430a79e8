import { Select } from '../../components/Field';

const zones: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

export function TimeZoneSelect({ value, onChange, error, hint }: { value: string; onChange: (zone: string) => void; error?: string | null | undefined; hint?: string }) {
  const options = zones.includes(value) ? zones : [value, ...zones];
  return (
    <Select label="Time zone" name="timeZone" value={value} onChange={(e) => onChange(e.target.value)} error={error} hint={hint}>
      {options.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </Select>
  );
}
