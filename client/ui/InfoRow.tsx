// One labelled fact in an info panel (a <dt>/<dd> pair inside the panel's <dl>).
import type { ReactNode } from 'react';

export function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="info-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
