// Resident identity numbers (居民身份证号码, GB 11643-1999) and mobile phone numbers.
// An identity number is 6-digit region + YYYYMMDD birth date + 3-digit sequence (odd last digit:
// male, even: female) + an ISO 7064 MOD 11-2 check character ('X' stands for 10).
// Pure functions: the generator supplies the randomness. Masking lives in masking.ts.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432'; // indexed by (weighted sum mod 11)

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`identity number body must be 17 digits: '${first17}'`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * An 18-character identity number. `birthDate` is 'YYYY-MM-DD'; `sequence` is 0–999 and its parity
 * must match `sex` (odd for 'M', even for 'F').
 */
export function makeIdNumber(region: string, birthDate: string, sequence: number, sex: 'M' | 'F'): string {
  if (!/^\d{6}$/.test(region)) throw new Error(`region must be 6 digits: '${region}'`);
  if (!isValidDate(birthDate)) throw new Error(`birth date must be a real YYYY-MM-DD date: '${birthDate}'`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999)
    throw new Error(`sequence out of 0–999: ${sequence}`);
  if ((sequence % 2 === 1) !== (sex === 'M')) throw new Error(`sequence ${sequence} does not encode sex ${sex}`);
  const body = region + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  return body + idCheckChar(body);
}

/** Shape, real birth date and check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const d = id.slice(6, 14);
  if (!isValidDate(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`)) return false;
  return idCheckChar(id.slice(0, 17)) === id[17];
}

export function sexOfIdNumber(id: string): 'M' | 'F' {
  return (id.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
}

export function birthDateOfIdNumber(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

function isValidDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1800 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Mobile number prefixes in use in mainland China (China Mobile, Unicom, Telecom, Broadnet). */
export const MOBILE_PREFIXES = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '172',
  '178',
  '182',
  '183',
  '184',
  '187',
  '188',
  '195',
  '198', // China Mobile
  '130',
  '131',
  '132',
  '145',
  '155',
  '156',
  '166',
  '175',
  '176',
  '185',
  '186',
  '196', // China Unicom
  '133',
  '149',
  '153',
  '173',
  '177',
  '180',
  '181',
  '189',
  '190',
  '191',
  '193',
  '199', // China Telecom
  '192', // China Broadnet
] as const;

const PREFIX_SET = new Set<string>(MOBILE_PREFIXES);

/** An 11-digit mobile number from a known prefix and an 8-digit subscriber number (0–99,999,999). */
export function makePhone(prefix: string, subscriber: number): string {
  if (!PREFIX_SET.has(prefix)) throw new Error(`unknown mobile prefix '${prefix}'`);
  if (!Number.isInteger(subscriber) || subscriber < 0 || subscriber > 99_999_999) {
    throw new Error(`subscriber number out of range: ${subscriber}`);
  }
  return prefix + String(subscriber).padStart(8, '0');
}

export function isValidPhone(phone: string): boolean {
  return /^1\d{10}$/.test(phone) && PREFIX_SET.has(phone.slice(0, 3));
}
