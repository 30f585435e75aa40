import type { NationalDossier } from '../adapters/dvcqg.ts';

/**
 * The sandboxes' realistic data (their own copy: a sandbox is another system, it shares no code with the
 * platform's modules). The population register holds the demo province's citizens — the same people and
 * names the demo sign-in shows (src/modules/identity/demo/people.ts), so that their dossiers verify — and a
 * few more; the national portal starts with birth-registration dossiers (procedure 1.001193, the answers
 * of its form) addressed to Phường Việt Trì (07900) and Phường Vân Phú (07918).
 */
export interface RegisteredPerson {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
}

const REGISTER: RegisteredPerson[] = [
  { idNumber: '025085012345', fullName: 'Hoàng Khánh Hòa', dateOfBirth: '1985-03-12' },
  { idNumber: '025192004567', fullName: 'Trần Diễm Liên', dateOfBirth: '1992-08-30' },
  { idNumber: '026078003210', fullName: 'Nguyễn Văn Phi', dateOfBirth: '1978-11-02' },
  { idNumber: '026301007788', fullName: 'Trần Thị Thành', dateOfBirth: '2001-05-19' },
  { idNumber: '017188009900', fullName: 'Phan Mỹ Nhi', dateOfBirth: '1988-01-25' },
  { idNumber: '017095006655', fullName: 'Dương Trí Hữu', dateOfBirth: '1995-12-07' },
  { idNumber: '025190001122', fullName: 'Nguyễn Thị Thu Hương', dateOfBirth: '1990-04-18' },
  { idNumber: '025194001234', fullName: 'Trần Thị Hồng Nhung', dateOfBirth: '1994-06-21' },
  { idNumber: '026199005566', fullName: 'Phạm Thị Lan Anh', dateOfBirth: '1999-12-24' },
];

export function populationRegister(): RegisteredPerson[] {
  return REGISTER.map((p) => ({ ...p }));
}

/** The birth-registration form's answers, the applicant being the mother. */
export function birthRegistrationAnswers(mother: RegisteredPerson, child: { fullName: string; birthDate: string; sex: 'male' | 'female' }): Record<string, string | boolean> {
  const residence = 'Số 12 đường Hùng Vương, phường Việt Trì, tỉnh Phú Thọ';
  return {
    'applicant.role': 'mother',
    'child.fullName': child.fullName,
    'child.birthDate': child.birthDate,
    'child.sex': child.sex,
    'child.ethnicity': 'Kinh',
    'child.nationality': 'Việt Nam',
    'child.birthPlace': 'Bệnh viện Đa khoa tỉnh Phú Thọ, phường Việt Trì, tỉnh Phú Thọ',
    'child.hometown': 'Xã Hy Cương, tỉnh Phú Thọ',
    'birth.case': 'certificate',
    'birth.electronicCertificate': false,
    'birth.surrogacy': false,
    'mother.fullName': mother.fullName,
    'mother.birthYear': mother.dateOfBirth.slice(0, 4),
    'mother.ethnicity': 'Kinh',
    'mother.nationality': 'Việt Nam',
    'mother.idNumber': mother.idNumber,
    'mother.residence': residence,
    'father.known': 'yes',
    'father.fullName': 'Nguyễn Văn Bình',
    'father.birthYear': '1992',
    'father.ethnicity': 'Kinh',
    'father.nationality': 'Việt Nam',
    'father.idNumber': '025092005678',
    'father.residence': residence,
    declaration: true,
  };
}

export function nationalDossier(n: number, communeCode: string, mother: RegisteredPerson, phone: string, child: { fullName: string; birthDate: string; sex: 'male' | 'female' }, at = new Date()): NationalDossier {
  const ymd = at.toISOString().slice(2, 10).replaceAll('-', '');
  return {
    nationalId: `G22.25-${ymd}-${String(n).padStart(6, '0')}`,
    procedureCode: '1.001193',
    communeCode,
    submittedAt: at.toISOString(),
    applicant: { fullName: mother.fullName, idNumber: mother.idNumber, dateOfBirth: mother.dateOfBirth, phone },
    request: `Đăng ký khai sinh cho con ${child.fullName}`,
    answers: birthRegistrationAnswers(mother, child),
    documents: [{ key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1 }],
  };
}

export function seedNationalDossiers(today = new Date()): NationalDossier[] {
  const p = REGISTER;
  return [
    nationalDossier(1, '07900', p[7]!, '0912345678', { fullName: 'Nguyễn Minh An', birthDate: '2026-10-02', sex: 'male' }, today),
    nationalDossier(2, '07900', p[6]!, '0987654321', { fullName: 'Lê Bảo Ngọc', birthDate: '2026-10-20', sex: 'female' }, today),
    nationalDossier(3, '07918', p[8]!, '0365432109', { fullName: 'Đỗ Gia Huy', birthDate: '2026-11-05', sex: 'male' }, today),
  ];
}
