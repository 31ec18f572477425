// Masking of personal data (个人信息去标识化) shown by default: 340881********1234, 138****5678, 张*.

export function maskIdNumber(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function maskPhone(phone: string): string {
  return phone.length < 7
    ? '*'.repeat(phone.length)
    : phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** Keeps the surname (the first character; two for the common compound surnames). */
export function maskName(name: string): string {
  const chars = [...name];
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(1, chars.length - keep));
}

const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '慕容',
  '令狐',
  '夏侯',
  '尉迟',
  '公孙',
  '长孙',
]);

/** A resident as shown by default: identity number, phone and name masked, birth date to the year. */
export function maskResident<T extends { name: string; idNumber: string; phone: string | null; birthDate: string }>(
  r: T,
): T & { masked: true } {
  return {
    ...r,
    name: maskName(r.name),
    idNumber: maskIdNumber(r.idNumber),
    phone: r.phone === null ? null : maskPhone(r.phone),
    birthDate: `${r.birthDate.slice(0, 4)}-**-**`,
    masked: true,
  };
}
