import type { PermittedUrls as PermittedUrlLists } from '@spoke/protocol';
import { updateAppSettings } from '../../api/apps.ts';
import type { App } from '../../api/types.ts';
import { UrlListSetting } from './UrlListSetting.tsx';

/**
 * The app's `permittedUrls.fetch` as in HubSpot's app-hsmeta.json, one URL per line: in converter
 * mode the emulator marks a data fetch or hook outside them "refused in production" and still
 * delivers it. The `iframe` and `img` lists are kept as they are. A refusal is shown under the field.
 */
export function PermittedUrls({ app, onSaved }: { app: App; onSaved: () => void }) {
  const current = app.permittedUrls ?? null;
  const write = (fetch: string[]) => {
    const { fetch: _old, ...others } = current ?? {};
    const next: PermittedUrlLists | null =
      fetch.length === 0 && Object.keys(others).length === 0 ? null : { ...others, fetch };
    return updateAppSettings(app.id, { permittedUrls: next });
  };
  return (
    <UrlListSetting
      term="Permitted URLs"
      formLabel={`Permitted URLs of ${app.name}`}
      fieldLabel="permittedUrls.fetch"
      placeholder="https://app.example.com"
      button="Set permitted URLs"
      urls={current?.fetch}
      write={write}
      onSaved={onSaved}
      hint={
        current?.fetch && current.fetch.length > 0
          ? `hubspot.fetch may call ${current.fetch.join(', ')}. In converter mode a data fetch or hook elsewhere, over http or to localhost is marked "refused in production" in the inspector, and still delivered.`
          : 'permittedUrls.fetch, one https:// URL per line, as in app-hsmeta.json: the card converter calls the targetUrl and every hook through hubspot.fetch, which refuses anything not listed here.'
      }
    />
  );
}
