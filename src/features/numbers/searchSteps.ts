import type { Invocation } from '../../ui/commandWrapper';
import { type Args, given, optString } from '../../ui/args';
import { type PickItem, type StepInfo, runWizard } from '../../ui/prompts';
import { COUNTRIES, NUMBER_TYPES, type NumberSearch } from '../../vonage/numbers';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken

const TYPE_WORDS: Record<string, string> = { 'mobile-lvn': 'Mobile (voice and SMS in most countries)', landline: 'Landline', 'landline-toll-free': 'Toll-free' };
const FEATURE_CHOICES: { label: string; value: string[] | undefined }[] = [
  { label: 'Any', value: undefined },
  { label: 'Voice', value: ['VOICE'] },
  { label: 'SMS', value: ['SMS'] },
  { label: 'Voice and SMS', value: ['VOICE', 'SMS'] },
  { label: 'Voice, SMS and MMS', value: ['VOICE', 'SMS', 'MMS'] },
];

/** The search from the arguments, the missing parts asked (by hand): country, type, features, digits it contains. */
export async function askSearch(inv: Invocation, args: Args, title: string): Promise<NumberSearch> {
  const q: Partial<NumberSearch> = { country: optString(args, 'country'), type: optString(args, 'type'), features: featuresArg(args), pattern: optString(args, 'pattern') };
  const steps = [
    {
      skip: () => given(args, 'country'),
      run: async (info: StepInfo) => {
        q.country = await inv.ui.pick(countryItems(), { ...info, placeholder: 'Which country should the number be in? (type a two-letter code for another)', typed: typedCountry });
      },
    },
    {
      skip: () => inv.scripted || given(args, 'type'),
      run: async (info: StepInfo) => {
        q.type = await inv.ui.pick(typeItems(), { ...info, placeholder: 'What type of number?' });
      },
    },
    {
      skip: () => inv.scripted || given(args, 'features'),
      run: async (info: StepInfo) => {
        q.features = await inv.ui.pick(FEATURE_CHOICES.map((c) => ({ ...c })), { ...info, placeholder: 'What must it do?' });
      },
    },
    {
      skip: () => inv.scripted || given(args, 'pattern'),
      run: async (info: StepInfo) => {
        const typed = await inv.ui.input({ ...info, prompt: 'Digits the number should contain (optional)', placeholder: 'e.g. 7700', value: q.pattern, validate: patternProblem });
        q.pattern = typed.trim() || undefined;
      },
    },
  ];
  await runWizard(title, steps);
  if (!q.country) throw new VonageInputError('Say which country to search in (country, e.g. GB).', 'country');
  return { country: q.country, type: q.type, features: q.features, pattern: q.pattern };
}

function featuresArg(args: Args): string[] | undefined {
  const v = args.features;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.split(',').map((f) => f.trim()).filter(Boolean);
  if (Array.isArray(v) && v.every((f) => typeof f === 'string')) return v;
  throw new VonageInputError('The argument "features" must be a list such as ["VOICE", "SMS"].', 'features');
}

function countryItems(): PickItem<string>[] {
  return COUNTRIES.map((c) => ({ label: c.name, description: `${c.code} · +${c.callingCode}`, value: c.code }));
}

function typedCountry(text: string): PickItem<string> | undefined {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? { label: `$(globe) ${code}`, description: 'search this country code', value: code } : undefined;
}

function typeItems(): PickItem<string | undefined>[] {
  return [{ label: 'Any type', value: undefined }, ...NUMBER_TYPES.map((t) => ({ label: TYPE_WORDS[t], description: t, value: t }))];
}

function patternProblem(text: string): string | undefined {
  return text.trim() === '' || /^\d{1,15}$/.test(text.trim()) ? undefined : 'Digits only, such as 7700.';
}
