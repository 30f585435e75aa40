/**
 * The public page that converts an old address (with a district, before 1 July 2025) to the new commune
 * and province — the same conversion the apply form and the counter use.
 */
import { Link } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { Breadcrumbs, PageHeading } from '../components/ui.tsx';
import { AddressConverter } from '../components/AddressConverter.tsx';

export default function ConvertAddressPage() {
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: vi.nav.home }, { label: vi.convert.title }]} />
      <PageHeading title={vi.convert.title}>{vi.convert.title}</PageHeading>
      <p className="lead">{vi.convert.lead}</p>
      <AddressConverter />
      <h2>{vi.convert.aboutTitle}</h2>
      <ul>
        {vi.convert.about.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <p>
        <Link to="/thu-tuc">{vi.convert.toSearch}</Link>
      </p>
    </>
  );
}
